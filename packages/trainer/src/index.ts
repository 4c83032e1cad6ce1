export { parseIdx, readIdx, type IdxArray, type IdxDataType } from './data/idx.js';
export { defaultMnistDir, loadMnist, type Mnist, type MnistSplit } from './data/mnist.js';
export {
  defaultUnipenPath,
  loadUnipen,
  type UnipenPoint,
  type UnipenSample,
} from './data/unipen.js';
