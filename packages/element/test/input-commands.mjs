// Server commands of the element's browser tests: real input and device emulation, each sent
// through the engine's own automation (Chromium: CDP; Firefox: puppeteer over WebDriver BiDi;
// WebKit: WebDriver actions), so the page sees the pointer events that engine makes itself.
// A command an engine's automation cannot send throws `Unsupported in <engine>: why`; the tests
// ask `supports` first and name what they leave out.

/** The engine behind a test session: 'chromium', 'firefox' or 'webkit'. */
function engineOf(session) {
  const { type, name } = session.browser;
  if (type === 'webdriver') return 'webkit';
  // Both Chromium's and Firefox's launchers are of type 'puppeteer'; the name tells them apart.
  return /firefox/i.test(name) ? 'firefox' : 'chromium';
}

/**
 * What each engine's automation can really send here (checked by logging the pointer events a
 * page receives). Firefox's headless automation refuses synthesized touch and pen input, and
 * BiDi has neither forced-colours emulation nor the accessibility tree. WebKitGTK's WebDriver
 * accepts touch actions but delivers them as mouse pointer events (pointerType 'mouse', two
 * fingers as one pointer), and pen actions without their pressure (1 on down, 0 on every move),
 * so neither counts; it reads an element's computed role and label, but cannot emulate a device
 * pixel ratio, a viewport or forced colours.
 */
const SUPPORT = {
  chromium: { touch: true, pen: true, viewport: true, forcedColors: true, accessibility: true },
  firefox: { touch: false, pen: false, viewport: true, forcedColors: false, accessibility: false },
  webkit: { touch: false, pen: false, viewport: false, forcedColors: false, accessibility: true },
};

const cdpSessions = new WeakMap();
async function cdpFor(session) {
  const page = session.browser.getPage(session.id);
  if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
  return cdpSessions.get(page);
}

// ── Chromium (CDP) ───────────────────────────────────────────────────────────────────────────

/** One touch event with a finger at each of `points` (page CSS px; none for the last lift). */
function dispatchTouch(cdp, type, points) {
  return cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })),
  });
}

/**
 * Strokes as real input, in one round trip per stroke: the moves are sent without waiting for
 * each one's frame, like fast hardware, so Chromium coalesces them (getCoalescedEvents()).
 */
async function chromiumStrokes(session, { strokes, pointerType, pressures }) {
  const cdp = await cdpFor(session);
  if (pointerType === 'touch') {
    const touch = (type, points) => dispatchTouch(cdp, type, points);
    for (const stroke of strokes) {
      await touch('touchStart', [stroke[0]]);
      for (const p of stroke.slice(1)) await touch('touchMove', [p]);
      await touch('touchEnd', []);
    }
    return;
  }
  for (const [s, stroke] of strokes.entries()) {
    const force = (i) => pressures?.[s]?.[i];
    const mouse = (type, [x, y], extra) =>
      cdp.send('Input.dispatchMouseEvent', {
        type,
        x,
        y,
        button: 'left',
        pointerType,
        ...extra,
      });
    await mouse('mouseMoved', stroke[0], { button: 'none' });
    await mouse('mousePressed', stroke[0], { buttons: 1, clickCount: 1, force: force(0) });
    await Promise.all(
      stroke.slice(1).map((p, i) => mouse('mouseMoved', p, { buttons: 1, force: force(i + 1) })),
    );
    await mouse('mouseReleased', stroke.at(-1), { buttons: 0, clickCount: 1 });
  }
}

/** Two fingers down, moving apart (a pinch), then lifted: Chromium's touch pipeline. */
async function chromiumPinch(session, { from, to }) {
  const cdp = await cdpFor(session);
  const touch = (type, points) => dispatchTouch(cdp, type, points);
  await touch('touchStart', [from[0]]);
  await touch('touchStart', from);
  for (let step = 1; step <= 8; step++) {
    const at = (k) => from[k].map((v, d) => v + ((to[k][d] - v) * step) / 8);
    await touch('touchMove', [at(0), at(1)]);
  }
  await touch('touchEnd', []);
}

async function chromiumViewport(session, viewport) {
  const cdp = await cdpFor(session);
  if (viewport === null) {
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    return;
  }
  const { width, height, scale, touch = false } = viewport;
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width,
    height,
    deviceScaleFactor: scale,
    mobile: touch,
    screenOrientation:
      width > height
        ? { type: 'landscapePrimary', angle: 90 }
        : { type: 'portraitPrimary', angle: 0 },
  });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: touch, maxTouchPoints: 5 });
}

// ── Firefox (puppeteer over WebDriver BiDi) ──────────────────────────────────────────────────

async function firefoxStrokes(session, { strokes }) {
  const { mouse } = session.browser.getPage(session.id);
  for (const stroke of strokes) {
    await mouse.move(...stroke[0]);
    await mouse.down();
    for (const p of stroke.slice(1)) await mouse.move(...p);
    await mouse.up();
  }
}

async function firefoxViewport(session, viewport) {
  const page = session.browser.getPage(session.id);
  // The test runner's own default when the test is done.
  const { width, height, scale } = viewport ?? { width: 800, height: 600, scale: 1 };
  await page.setViewport({ width, height, deviceScaleFactor: scale });
}

// ── WebKit (WebDriver actions) ───────────────────────────────────────────────────────────────

/** Every stroke as one mouse action chain: one round trip per drawing. */
async function webkitStrokes(session, { strokes }) {
  const move = ([x, y]) => ({
    type: 'pointerMove',
    duration: 0,
    origin: 'viewport',
    x: Math.round(x),
    y: Math.round(y),
  });
  const actions = strokes.flatMap((stroke) => [
    move(stroke[0]),
    { type: 'pointerDown', button: 0 },
    ...stroke.slice(1).map(move),
    { type: 'pointerUp', button: 0 },
  ]);
  const manager = session.browser.driverManager;
  await manager.performActions(session.id, [
    { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions },
  ]);
  await manager.driver.releaseActions();
}

// ── Keys and the accessibility tree ──────────────────────────────────────────────────────────

/** WebDriver's code points for the keys the tests press (the rest are themselves). */
const WEBDRIVER_KEYS = { Control: '\uE009', Shift: '\uE008', Meta: '\uE03D', Escape: '\uE00C' };

/** Presses `keys` down in order and releases them in reverse: a chord such as Control+z. */
async function pressChord(session, keys) {
  if (engineOf(session) === 'webkit') {
    const codes = keys.map((key) => WEBDRIVER_KEYS[key] ?? key);
    const actions = [
      ...codes.map((value) => ({ type: 'keyDown', value })),
      ...codes.reverse().map((value) => ({ type: 'keyUp', value })),
    ];
    const manager = session.browser.driverManager;
    await manager.performActions(session.id, [{ type: 'key', id: 'keyboard', actions }]);
    await manager.driver.releaseActions();
    return;
  }
  const { keyboard } = session.browser.getPage(session.id);
  for (const key of keys) await keyboard.down(key);
  for (const key of [...keys].reverse()) await keyboard.up(key);
}

/** The role and accessible name that assistive technology gets for the element at `selector`. */
async function accessibilityOf(session, selector) {
  const engine = engineOf(session);
  if (engine === 'webkit') {
    const element = await session.browser.driverManager.driver.$(selector);
    return { role: await element.getComputedRole(), name: await element.getComputedLabel() };
  }
  const page = session.browser.getPage(session.id);
  const handle = await page.$(selector);
  const node = await page.accessibility.snapshot({ root: handle, interestingOnly: false });
  return { role: node?.role ?? null, name: node?.name ?? null };
}

// ── The commands ─────────────────────────────────────────────────────────────────────────────

function unsupported(engine, what) {
  return new Error(`Unsupported in ${engine}: ${what}`);
}

const handlers = {
  /** What this engine's automation can send: `{ touch, pen, viewport, forcedColors }`. */
  'input-support': (session) => SUPPORT[engineOf(session)],

  /**
   * `{ strokes: [[x, y], …][], pointerType?: 'mouse' | 'touch' | 'pen', pressures?: number[][] }`
   * in page CSS px: each stroke pressed, moved through and released.
   */
  'draw-strokes': async (session, payload) => {
    const engine = engineOf(session);
    const pointerType = payload.pointerType ?? 'mouse';
    if (pointerType !== 'mouse' && !SUPPORT[engine][pointerType]) {
      throw unsupported(engine, `${pointerType} input`);
    }
    const args = { ...payload, pointerType };
    if (engine === 'chromium') await chromiumStrokes(session, args);
    else if (engine === 'firefox') await firefoxStrokes(session, args);
    else await webkitStrokes(session, args);
  },

  /** `{ from: [[x, y], [x, y]], to: [[x, y], [x, y]] }`: two fingers down, apart, up. */
  pinch: async (session, payload) => {
    const engine = engineOf(session);
    if (!SUPPORT[engine].touch) throw unsupported(engine, 'touch input');
    await chromiumPinch(session, payload);
  },

  /**
   * `{ width, height, scale, touch? }`: a device's viewport and pixel ratio (a phone with
   * `touch`); null restores the default. A new width and height with the same scale is a
   * rotation.
   */
  viewport: async (session, payload) => {
    const engine = engineOf(session);
    if (engine === 'chromium') await chromiumViewport(session, payload);
    else if (engine === 'firefox') await firefoxViewport(session, payload);
    else throw unsupported(engine, 'viewport or device pixel ratio emulation');
  },

  /** `{ keys: string[] }`: a chord, such as `['Control', 'z']`. */
  'press-chord': (session, { keys }) => pressChord(session, keys),

  /** `{ selector }` → `{ role, name }`, as the engine's accessibility tree exposes them. */
  accessibility: async (session, { selector }) => {
    const engine = engineOf(session);
    if (!SUPPORT[engine].accessibility) throw unsupported(engine, 'the accessibility tree');
    return accessibilityOf(session, selector);
  },

  /** `{ active }`: high-contrast (forced colours) emulation on or off. */
  'forced-colors': async (session, { active }) => {
    const engine = engineOf(session);
    if (!SUPPORT[engine].forcedColors) throw unsupported(engine, 'forced-colors emulation');
    const cdp = await cdpFor(session);
    await cdp.send('Emulation.setEmulatedMedia', {
      features: [{ name: 'forced-colors', value: active ? 'active' : 'none' }],
    });
  },
};

/** The commands as a @web/test-runner plugin. */
export const inputCommands = {
  name: 'input-commands',
  async executeCommand({ command, payload, session }) {
    const handler = handlers[command];
    if (!handler) return undefined;
    return (await handler(session, payload)) ?? true;
  },
};
