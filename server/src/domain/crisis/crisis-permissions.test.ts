import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canAct, canSteer, crisisCapability } from './crisis-permissions';

const member = (role: 'owner' | 'admin' | 'member' | 'viewer') => ({
  kind: 'member' as const,
  id: 'm',
  role,
});

describe('crisisCapability', () => {
  it('gives lead powers to the current crisis lead, owners, admins and the system', () => {
    assert.equal(crisisCapability(member('member'), ['crisis_lead']), 'lead');
    assert.equal(crisisCapability(member('owner'), []), 'lead');
    assert.equal(crisisCapability(member('admin'), ['observer']), 'lead');
    assert.equal(crisisCapability({ kind: 'system', id: null, role: 'member' }, []), 'lead');
  });
  it('lets members act whatever seat they hold, or none', () => {
    assert.equal(crisisCapability(member('member'), []), 'responder');
    assert.equal(crisisCapability(member('member'), ['spokesperson']), 'responder');
    assert.equal(crisisCapability(member('member'), ['observer', 'scribe']), 'responder');
  });
  it('makes viewers and members seated only as observers read-only', () => {
    assert.equal(crisisCapability(member('viewer'), []), 'observer');
    assert.equal(crisisCapability(member('member'), ['observer']), 'observer');
  });
  it('lets only leads steer (status, severity, roles) and everyone but observers act', () => {
    assert.deepEqual(
      (['lead', 'responder', 'observer'] as const).map((c) => [canSteer(c), canAct(c)]),
      [
        [true, true],
        [false, true],
        [false, false],
      ],
    );
  });
});
