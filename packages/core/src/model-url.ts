/**
 * URL of the pretrained model shipped in this package (`<package>/model/model.json`). Resolved
 * against this module's own URL: this file sits directly in `src/` (run from source) and in
 * `dist/` (built, modules preserved), both one level below the package root. It is a `file:` URL
 * in Node and an http(s) URL in the browser, served from the page's own origin.
 */
export function defaultModelUrl(): URL {
  return new URL('../model/model.json', import.meta.url);
}

/** {@link defaultModelUrl} as a string, for configs and docs. */
export const DEFAULT_MODEL_URL: string = defaultModelUrl().href;
