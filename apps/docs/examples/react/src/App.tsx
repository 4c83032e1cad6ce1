// React 19 sets the element's properties and listens to its events itself: no wrapper needed.
// Register the element before React renders it: React sets a prop as a property only if the
// element has one by that name (`strings` here), and as an attribute otherwise.
import '@digit-canvas/element/digit-canvas.js';
import { useState } from 'react';

export function App() {
  const [answer, setAnswer] = useState('');
  return (
    <>
      <digit-canvas
        label="Draw a digit"
        min-confidence={0.6}
        strings={{ notSure: 'Not sure: try again' }}
        ondigit-prediction={(event) => {
          const { value, confidence } = event.detail;
          setAnswer(value ? `${value} (${(confidence * 100).toFixed(0)}%)` : '?');
        }}
      />
      <output aria-live="polite">{answer}</output>
    </>
  );
}
