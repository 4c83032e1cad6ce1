// React 18 and earlier pass every prop to a custom element as a string attribute and cannot
// listen to its events: the DigitCanvas component sets properties and listens for you.
import { useRef, useState } from 'react';

import { DigitCanvas, type DigitCanvasElement } from '@digit-canvas/element/react';

export function App() {
  const pad = useRef<DigitCanvasElement>(null);
  const [answer, setAnswer] = useState('');
  return (
    <>
      <DigitCanvas
        ref={pad}
        label="Draw a digit"
        minConfidence={0.6}
        strings={{ notSure: 'Not sure: try again' }}
        onDigitPrediction={(event) => {
          const { value, confidence } = event.detail;
          setAnswer(value ? `${value} (${(confidence * 100).toFixed(0)}%)` : '?');
        }}
        onDigitClear={() => setAnswer('')}
      />
      <output aria-live="polite">{answer}</output>
      <button type="button" onClick={() => pad.current?.clear()}>
        Clear
      </button>
    </>
  );
}
