// The setup every packed-app suite shares: a temporary workspace holding the packed packages,
// and one Chromium, made before the suite's tests and removed after them.
import { after, before } from 'node:test';

import { launch } from './browser.mjs';
import { packPackages, workspace } from './packed-app.mjs';

/**
 * Registers the hooks in the calling `describe`. The object it returns is filled in before the
 * suite's first test: `root` (the workspace), `tarballs` (core's and the element's) and `browser`.
 */
export function packedPackages() {
  const packed = { root: '', tarballs: null, browser: null };
  let ws;
  before(async () => {
    ws = workspace();
    packed.root = ws.root;
    packed.tarballs = packPackages(ws.root);
    packed.browser = await launch();
  });
  after(async () => {
    await packed.browser?.close();
    ws?.remove();
  });
  return packed;
}
