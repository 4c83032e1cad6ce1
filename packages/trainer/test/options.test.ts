import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { commands } from '../src/commands/index.js';
import { modelDirOption } from '../src/commands/options.js';
import { coreModelDir } from '../src/paths.js';

/** The commands that write a model into `--to DIR`. */
const withTo = commands.filter((c) => 'to' in c.options).map((c) => c.name);

describe('modelDirOption (--to DIR)', () => {
  it('is what export and train-trajectory take', () => {
    assert.deepEqual(withTo.sort(), ['export', 'train-trajectory']);
  });

  it('gives every command the same error when there is no --to and no default', () => {
    for (const command of withTo) {
      assert.throws(() => modelDirOption({}, command, () => undefined), {
        message:
          `${command} needs --to DIR: this trainer is an installed package, not the digit-canvas repository, ` +
          `so it does not overwrite the model of the installed @digit-canvas/core (${coreModelDir()}). ` +
          'Pass --to DIR for the folder to write the model into, e.g. --to my-model.',
      });
    }
  });

  it('takes --to, else the default folder', () => {
    assert.equal(
      modelDirOption({ to: 'my-model' }, 'export', () => undefined),
      'my-model',
    );
    assert.equal(
      modelDirOption({ to: 'my-model' }, 'export', () => 'core/model'),
      'my-model',
    );
    assert.equal(
      modelDirOption({}, 'export', () => 'core/model'),
      'core/model',
    );
    assert.equal(modelDirOption({}, 'export'), coreModelDir(), "this checkout's core model");
  });
});
