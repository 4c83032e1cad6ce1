// `@digit-canvas/element/svelte`: types <digit-canvas> in Svelte 5 markup (svelte-check). Add
// "@digit-canvas/element/svelte" to `compilerOptions.types` in tsconfig.json. The props come
// from the element's generated JSX typings (../dist/jsx.d.ts, made from custom-elements.json),
// with events as Svelte 5's attributes (`ondigit-prediction={show}`).
import type { HTMLAttributes } from 'svelte/elements';

import type { DigitCanvas } from '../dist/index.js';
import type { DigitCanvasProps } from '../dist/jsx.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'digit-canvas': HTMLAttributes<DigitCanvas> & DigitCanvasProps;
  }
}
