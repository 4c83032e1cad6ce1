// <digit-canvas> misused in TSX: `tsc` must reject each line marked `error: <name>` for <name>.
// TypeScript does not check a JSX attribute whose name has a hyphen and is not declared (as for
// data-*), so no typings can catch `min-confidense`: these misspell names without one.
import '@digit-canvas/element/digit-canvas.js';

export const misspelled = <digit-canvas strigns={{}} />; // error: strigns
export const notBoolean = <digit-canvas multiple="yes" />; // error: multiple
export const notStrings = <digit-canvas strings={3} />; // error: strings
export const unknownWord = <digit-canvas strings={{ notsure: '?' }} />; // error: notsure
export const notNumber = <digit-canvas min-confidence="high" />; // error: min-confidence
export const notBackend = <digit-canvas backend="gpu" />; // error: backend
export const notItsEvent = <digit-canvas ondigit-prediction={(e: MouseEvent) => e} />; // error: ondigit-prediction
