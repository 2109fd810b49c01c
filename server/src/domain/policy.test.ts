import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedActions, canAssignRole, isAllowed } from './policy';

describe('isAllowed', () => {
  it('lets viewers read but never change anything', () => {
    const viewer = { role: 'viewer', department: 'marketing' } as const;
    assert.equal(isAllowed(viewer, 'brand.read'), true);
    assert.equal(isAllowed(viewer, 'brand.create'), false);
    assert.deepEqual(
      allowedActions(viewer).filter((a) => !a.endsWith('.read') && a !== 'events.subscribe'),
      [],
    );
  });
  it('grants brand changes to members of marketing and PR but not of customer service or legal', () => {
    assert.equal(isAllowed({ role: 'member', department: 'marketing' }, 'brand.create'), true);
    assert.equal(isAllowed({ role: 'member', department: 'pr' }, 'brand.update'), true);
    assert.equal(isAllowed({ role: 'member', department: 'customer_service' }, 'brand.create'), false);
    assert.equal(isAllowed({ role: 'member', department: 'legal' }, 'brand.create'), false);
  });
  it('opens the audit log to admins and to legal members only', () => {
    assert.equal(isAllowed({ role: 'admin', department: 'marketing' }, 'audit.read'), true);
    assert.equal(isAllowed({ role: 'member', department: 'legal' }, 'audit.read'), true);
    assert.equal(isAllowed({ role: 'member', department: 'pr' }, 'audit.read'), false);
    assert.equal(isAllowed({ role: 'viewer', department: 'legal' }, 'audit.read'), false);
  });
});

describe('canAssignRole', () => {
  it('lets only an owner hand out ownership or demote an admin', () => {
    assert.equal(canAssignRole('owner', 'member', 'owner'), true);
    assert.equal(canAssignRole('admin', 'member', 'owner'), false);
    assert.equal(canAssignRole('admin', 'admin', 'member'), false);
    assert.equal(canAssignRole('admin', 'viewer', 'member'), true);
    assert.equal(canAssignRole('member', 'viewer', 'member'), false);
  });
});
