// `@digit-canvas/element/vue`: types <digit-canvas> in Vue 3 templates (vue-tsc, Volar). Add
// "@digit-canvas/element/vue" to `compilerOptions.types` in tsconfig.json. The props come from
// the element's generated JSX typings (../dist/jsx.d.ts, made from custom-elements.json).
import type { DefineComponent } from 'vue';

import type { DigitCanvasProps } from '../dist/jsx.js';

/** `min-confidence` → `minConfidence`: vue-tsc reads a template's attributes camelCased. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : S;

/**
 * The element's props as vue-tsc reads a template: attributes camelCased (`:min-confidence`
 * is `minConfidence`) and each event as its `on` prop (`@digit-prediction` is
 * `onDigitPrediction`).
 */
export type DigitCanvasVueProps = {
  // Over `keyof DigitCanvasProps` itself, so every prop stays optional.
  [
    K in keyof DigitCanvasProps as K extends `on${infer Event}`
      ? `on${Capitalize<Camel<Event>>}`
      : Camel<K & string>
  ]: DigitCanvasProps[K];
};

declare module 'vue' {
  interface GlobalComponents {
    'digit-canvas': DefineComponent<DigitCanvasVueProps>;
  }
}
