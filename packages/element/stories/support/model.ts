/**
 * Where the docs site serves @digit-canvas/core's shipped models (Storybook's staticDirs map
 * packages/core/model, plus the wasm backend's binaries, to /model). Resolved against the page
 * so the built site works under any base path; absolute because core derives the wasm files'
 * folder from it with `new URL('./', modelUrl)`, which rejects a relative URL.
 */
export const modelUrl = new URL('./model/model.json', document.baseURI).href;

/**
 * The shipped trajectory model, served beside it. The stories name it with `trajectory-model-url`:
 * with a `model-url` of its own, the element would otherwise read with the CNN alone.
 */
export const trajectoryModelUrl = new URL('./model/trajectory.json', document.baseURI).href;
