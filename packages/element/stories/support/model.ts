/**
 * Where the docs site serves @digit-canvas/core's shipped model (Storybook's staticDirs map
 * packages/core/model to /model). Relative, so the built site works under any base path.
 */
export const modelUrl = './model/model.json';
