import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortByText, upsertById } from './collections';

describe('upsertById', () => {
  const a = { id: 'a', name: 'Alpha' };
  const b = { id: 'b', name: 'Beta' };

  it('appends an item it has not seen', () => {
    assert.deepEqual(upsertById([a], b), [a, b]);
  });

  it('replaces the item with the same id in place', () => {
    const renamed = { id: 'a', name: 'Alpha 2' };
    assert.deepEqual(upsertById([a, b], renamed), [renamed, b]);
  });

  it('removes an item that no longer belongs in the list', () => {
    assert.deepEqual(
      upsertById([a, b], a, () => false),
      [b],
    );
  });

  it('returns the same array when a non-belonging item was not there', () => {
    const items = [a];
    assert.equal(
      upsertById(items, b, () => false),
      items,
    );
  });
});

describe('sortByText', () => {
  it('sorts case-insensitively without mutating the input', () => {
    const items = ['beta', 'Alpha', 'gamma'];
    assert.deepEqual(
      sortByText(items, (s) => s),
      ['Alpha', 'beta', 'gamma'],
    );
    assert.deepEqual(items, ['beta', 'Alpha', 'gamma']);
  });
});
