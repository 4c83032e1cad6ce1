/**
 * URL of the pretrained model shipped in this package (`<package>/model/model.json`). Resolved
 * against this module's own URL: this file sits directly in `src/` (run from source) and in
 * `dist/` (built, modules preserved), both one level below the package root. It is a `file:` URL
 * in Node and an http(s) URL in the browser, served from the page's own origin.
 *
 * The literal `new URL('…', import.meta.url)` form is what Vite, webpack 5 and Rollup's
 * import-meta-assets plugin recognise: they copy the file into the build and rewrite the URL.
 */
export function defaultModelUrl(): URL {
  return new URL('../model/model.json', import.meta.url);
}

/**
 * @internal The shipped model's weight files, by the name its `model.json` lists them under.
 * Each is referenced on its own so that a bundler emits it: one that hashes and moves
 * `model.json` cannot know that the files named inside it must move too.
 */
export function defaultWeightUrls(): Record<string, string> {
  return { 'weights.bin': new URL('../model/weights.bin', import.meta.url).href };
}

/** {@link defaultModelUrl} as a string, for configs and docs. */
export const DEFAULT_MODEL_URL: string = defaultModelUrl().href;
