// Recognize strokes in Node: no browser, no tfjs-node; the model loads from the package on disk.
import { Recognizer } from '@digit-canvas/core';

// A 7 as strokes of points ({ x, y }, any unit: the drawing is rescaled to MNIST's layout).
const seven = [
  [
    { x: 10, y: 10 },
    { x: 90, y: 10 },
    { x: 60, y: 60 },
    { x: 40, y: 120 },
  ],
];

// Both shipped models: the CNN reads the drawn image, the trajectory model the pen path.
const recognizer = await Recognizer.load();
const { digit, confidence, ms, decidedBy } = await recognizer.predict(seven);
console.log(
  `digit ${digit}, ${(confidence * 100).toFixed(1)}% sure, ${ms.toFixed(1)} ms, decided by ${decidedBy}`,
);
recognizer.dispose();
