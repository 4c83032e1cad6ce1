// Fails early, with the fix, when the machine lacks what `pnpm test` needs.
import { missingEngineFiles, selectedEngines } from './browsers.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`digit-canvas needs Node >= 20.19; this is ${process.version}.`);
  process.exit(1);
}

// The browser tests run in Chromium, Firefox and WebKit (BROWSERS narrows them).
const missing = missingEngineFiles();
if (missing.length) {
  console.error(
    `Browser tests need ${selectedEngines().join(', ')}; missing:\n  ${missing.join('\n  ')}\n` +
      'Install them (Debian/Ubuntu: `sudo apt-get install -y chromium firefox-esr ' +
      'webkit2gtk-driver xvfb`), point CHROME_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH or ' +
      'MINIBROWSER_PATH at them, or run fewer engines, e.g. BROWSERS=chromium.',
  );
  process.exit(1);
}
