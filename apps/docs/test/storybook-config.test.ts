// Storybook's own settings that readers of these docs would notice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import config from '../.storybook/main.js';

describe('the Storybook config', () => {
  it("hides Storybook's own Get started checklist (Add 20 stories…) from the sidebar", () => {
    // `storybook dev` (pnpm start) shows it in the sidebar unless this is false; a built
    // Storybook never does, so the docs test of the built site cannot see it either way.
    const { features } = config;
    assert.ok(features && typeof features === 'object', 'features is a plain object');
    assert.equal(features.sidebarOnboardingChecklist, false);
  });
});
