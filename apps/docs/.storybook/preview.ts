import { type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';

import { publicApi } from '../src/manifest.js';

// Autodocs read the element's attributes, events, parts and CSS properties from its manifest,
// which the element's build writes; until it exists the docs pages just list fewer details.
const manifests = import.meta.glob<Parameters<typeof publicApi>[0]>(
  '../../../packages/element/custom-elements.json',
  {
    eager: true,
    import: 'default',
  },
);
for (const manifest of Object.values(manifests)) setCustomElementsManifest(publicApi(manifest));

const preview: Preview = {
  parameters: {
    options: {
      storySort: {
        order: [
          'Element',
          ['Playground', 'What the model sees', 'Numbers', 'In a form', 'Theming', 'Errors'],
          'Model',
          ['Report', 'Classifier comparison'],
          'Usage',
          ['Plain HTML', 'With a bundler', 'Core in Node'],
        ],
      },
    },
    controls: { expanded: true },
    // Accessibility violations fail the story in the a11y panel instead of being listed as todo.
    a11y: { test: 'error' },
  },
};

export default preview;
