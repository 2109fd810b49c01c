import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedFields } from './audit';

describe('changedFields', () => {
  it('lists only the fields whose value changes, with old and new values', () => {
    const before = { name: 'Acme', keywords: ['acme'], handles: { x: ['@acme'] } };
    assert.deepEqual(changedFields(before, { name: 'Acme', keywords: ['acme', 'acme corp'] }), {
      keywords: { from: ['acme'], to: ['acme', 'acme corp'] },
    });
  });
  it('ignores fields left undefined in the patch', () => {
    assert.deepEqual(changedFields({ name: 'A' }, { name: undefined }), {});
  });
});
