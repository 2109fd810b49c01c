import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crisisStatuses } from '../../../../contracts';
import { canTransition, isOpen } from './status-machine';

describe('crisis status machine', () => {
  it('moves forward monitoring → active → contained → resolved → reviewed', () => {
    assert.ok(canTransition('monitoring', 'active'));
    assert.ok(canTransition('active', 'contained'));
    assert.ok(canTransition('contained', 'resolved'));
    assert.ok(canTransition('resolved', 'reviewed'));
  });
  it('lets a crisis flare up again from contained or resolved, but never skips to reviewed', () => {
    assert.ok(canTransition('contained', 'active'));
    assert.ok(canTransition('resolved', 'active'));
    for (const from of ['monitoring', 'active', 'contained'] as const) {
      assert.equal(canTransition(from, 'reviewed'), false, from);
    }
  });
  it('closes a reviewed crisis for good', () => {
    for (const to of crisisStatuses) assert.equal(canTransition('reviewed', to), false, to);
  });
  it('counts monitoring, active and contained as open (tasks escalate, reports are due)', () => {
    assert.deepEqual(
      crisisStatuses.filter((s) => isOpen(s)),
      ['monitoring', 'active', 'contained'],
    );
  });
});
