import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillRoles } from './roles';

describe('fillRoles', () => {
  it('fills each role from its department’s on-call member', () => {
    const filled = fillRoles(
      { executive: 'eve', pr: 'pat', legal: 'lee', customer_service: 'cas', marketing: 'max' },
      'declarer',
    );
    assert.deepEqual(Object.fromEntries(filled.map((f) => [f.role, `${f.memberId}/${f.source}`])), {
      crisis_lead: 'eve/on_call',
      spokesperson: 'pat/on_call',
      pr_lead: 'pat/on_call',
      legal_counsel: 'lee/on_call',
      customer_service_lead: 'cas/on_call',
      marketing_lead: 'max/on_call',
      ad_operations: 'max/on_call',
    });
  });
  it('takes the PR on-call as lead when no executive is on call', () => {
    const lead = fillRoles({ pr: 'pat' }, 'declarer').find((f) => f.role === 'crisis_lead');
    assert.deepEqual(lead, { role: 'crisis_lead', memberId: 'pat', source: 'on_call' });
  });
  it('falls back to the declarer as lead and leaves other roles open when nobody is on call', () => {
    assert.deepEqual(fillRoles({}, 'declarer'), [
      { role: 'crisis_lead', memberId: 'declarer', source: 'declarer' },
    ]);
    assert.deepEqual(fillRoles({ executive: null }, null), []);
  });
});
