// Fails early, with the fix, when the machine lacks what `pnpm test` needs.
import { existsSync } from 'node:fs';

import { chromePath } from './chrome-path.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`digit-canvas needs Node >= 20.19; this is ${process.version}.`);
  process.exit(1);
}

if (!existsSync(chromePath)) {
  console.error(
    `Browser tests need Chromium, looked for it at ${chromePath}.\n` +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH ' +
      'to a Chrome or Chromium executable.',
  );
  process.exit(1);
}
