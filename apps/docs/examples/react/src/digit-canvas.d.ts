// Types <digit-canvas> in TSX: its attributes, properties and events (`ondigit-prediction`).
import type { CustomElements } from '@digit-canvas/element/jsx';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'digit-canvas': CustomElements['digit-canvas'];
    }
  }
}
