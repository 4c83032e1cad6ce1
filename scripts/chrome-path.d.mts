/** The Chromium every browser test and benchmark launches: CHROME_PATH, else Debian's. */
export const chromePath: string;
/** Flags that keep Chromium quiet on a machine whose only network is a package registry. */
export const chromeArgs: string[];
/** Throws, saying what to install or set, when there is no Chromium at `chromePath`. */
export function assertChrome(): void;
