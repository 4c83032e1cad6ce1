import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { closestMatch, editDistance } from '../src/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    assert.equal(editDistance('', ''), 0, 'empty strings');
    assert.equal(editDistance('', 'abc'), 3, 'insert everything');
    assert.equal(editDistance('abc', ''), 3, 'delete everything');
    assert.equal(editDistance('epochs', 'epochs'), 0, 'equal');
    assert.equal(editDistance('epoch', 'epochs'), 1, 'one insertion');
    assert.equal(editDistance('maxdrop', 'max-drop'), 1, 'one missing dash');
    assert.equal(editDistance('seef', 'seed'), 1, 'one substitution');
    assert.equal(editDistance('kitten', 'sitting'), 3, 'the textbook example');
    assert.equal(editDistance('trian', 'train'), 2, 'a swap is two edits');
  });

  it('is symmetric', () => {
    assert.equal(editDistance('flaw', 'lawn'), editDistance('lawn', 'flaw'), 'flaw / lawn');
  });
});

describe('closestMatch', () => {
  const options = ['epochs', 'batch-size', 'lr', 'out', 'seed', 'max-drop', 'max-depth'];

  it('suggests the nearest candidate for a typo', () => {
    assert.equal(closestMatch('epoch', options), 'epochs', 'missing letter');
    assert.equal(closestMatch('batchsize', options), 'batch-size', 'missing dash');
    assert.equal(closestMatch('EPOCHS', options), 'epochs', 'case is ignored');
    assert.equal(
      closestMatch('trian', ['train', 'evaluate', 'export']),
      'train',
      'swapped letters',
    );
  });

  it('suggests nothing when every candidate is far away', () => {
    assert.equal(closestMatch('bogus', options), undefined, 'no typo of any option');
    assert.equal(closestMatch('x', options), undefined, 'one letter does not suggest lr');
    assert.equal(closestMatch('epoch', []), undefined, 'no candidates');
  });

  it('picks the nearest candidate, the earlier one on a tie', () => {
    assert.equal(closestMatch('max-dept', ['max-drop', 'max-depth']), 'max-depth', 'closer wins');
    assert.equal(closestMatch('ab', ['ac', 'ad']), 'ac', 'tie goes to the first');
  });
});
