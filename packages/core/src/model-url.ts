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

/**
 * URL of the trajectory model shipped beside the CNN (`<package>/model/trajectory.json`): it reads
 * the pen path (see `trajectoryFeatures`), and its probabilities are fused with the CNN's when
 * strokes are read. Resolved like {@link defaultModelUrl}.
 */
export function defaultTrajectoryModelUrl(): URL {
  return new URL('../model/trajectory.json', import.meta.url);
}

/** {@link defaultTrajectoryModelUrl} as a string, for configs and docs. */
export const DEFAULT_TRAJECTORY_MODEL_URL: string = defaultTrajectoryModelUrl().href;

/** @internal The trajectory model's weight files, named statically as in {@link defaultWeightUrls}. */
function defaultTrajectoryWeightUrls(): Record<string, string> {
  return { 'trajectory.bin': new URL('../model/trajectory.bin', import.meta.url).href };
}

/**
 * @internal Where the weight files of a shipped model really are (a bundler may have moved
 * them), or undefined for any other model: its weights sit beside its model.json.
 */
export function shippedWeightUrls(href: string): Record<string, string> | undefined {
  if (href === DEFAULT_MODEL_URL) return defaultWeightUrls();
  if (href === DEFAULT_TRAJECTORY_MODEL_URL) return defaultTrajectoryWeightUrls();
  return undefined;
}
