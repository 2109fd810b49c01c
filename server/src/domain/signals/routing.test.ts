import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Department } from '../../../../contracts';
import type { DepartmentSchedule } from '../crisis/on-call';
import {
  backupOnCall,
  escalationRecipients,
  firstResponders,
  matchingRules,
  nextEscalationDue,
  routePlan,
  type RuleView,
} from './routing';

const rule = (over: Partial<RuleView>): RuleView => ({
  id: 'r',
  enabled: true,
  minSeverity: 'low',
  brandIds: [],
  platforms: [],
  kinds: [],
  departments: ['pr'],
  channelIds: [],
  ackTimeoutMinutes: 15,
  escalation: ['department_backup', 'admins'],
  ...over,
});
const signal = { brandId: 'b1', kind: 'spike' as const, severity: 'medium' as const, platforms: ['x'] };
const at = new Date(Date.UTC(2026, 0, 5, 12));
const empty: DepartmentSchedule = { rotation: null, overrides: [] };
const schedules = (pr: DepartmentSchedule): Record<Department, DepartmentSchedule> => ({
  marketing: empty,
  pr,
  customer_service: empty,
  legal: empty,
  executive: empty,
});

describe('routing', () => {
  it('matches rules on severity, brand, platform and kind', () => {
    const rules = [
      rule({ id: 'any' }),
      rule({ id: 'high', minSeverity: 'high' }),
      rule({ id: 'brand', brandIds: ['b2'] }),
      rule({ id: 'tiktok', platforms: ['tiktok'] }),
      rule({ id: 'x', platforms: ['x', 'reddit'] }),
      rule({ id: 'narr', kinds: ['narrative'] }),
      rule({ id: 'off', enabled: false }),
    ];
    assert.deepEqual(
      matchingRules(rules, signal).map((r) => r.id),
      ['any', 'x'],
    );
  });

  it('combines matching rules into one plan', () => {
    const plan = routePlan([
      rule({
        id: 'a',
        departments: ['pr', 'legal'],
        channelIds: ['c2'],
        ackTimeoutMinutes: 30,
        escalation: ['admins'],
      }),
      rule({
        id: 'b',
        departments: ['pr'],
        channelIds: ['c1'],
        ackTimeoutMinutes: 10,
        escalation: ['crisis_lead'],
      }),
      rule({ id: 'c', ackTimeoutMinutes: 1, escalation: [] }),
    ]);
    assert.deepEqual(plan, {
      ruleIds: ['a', 'b', 'c'],
      departments: ['legal', 'pr'],
      channelIds: ['c1', 'c2'],
      ackTimeoutMinutes: 10,
      escalation: ['crisis_lead', 'admins'],
    });
    assert.equal(nextEscalationDue(plan, 0, at)?.getTime(), at.getTime() + 10 * 60_000);
    assert.equal(nextEscalationDue(plan, 2, at), null);
  });

  it('resolves first responders, backups and escalation levels from the schedules', () => {
    const pr: DepartmentSchedule = {
      rotation: {
        memberIds: ['p1', 'p2', 'p3'],
        handoffEveryHours: 24,
        startsAt: new Date(at.getTime() - 3_600_000),
      },
      overrides: [],
    };
    assert.deepEqual(firstResponders(['pr', 'legal'], { pr: 'p1', legal: null }), [
      { department: 'pr', memberId: 'p1' },
    ]);
    assert.equal(backupOnCall(pr, at), 'p2');
    assert.equal(
      backupOnCall(pr, at, (id) => id !== 'p2'),
      'p3',
    );
    const overridden = {
      ...pr,
      overrides: [{ memberId: 'p2', startsAt: new Date(0), endsAt: new Date(at.getTime() + 1) }],
    };
    assert.equal(
      backupOnCall(overridden, at),
      'p1',
      'with an override on call, the rotation’s member is the backup',
    );
    const members = [
      { id: 'p1', role: 'member' as const, active: true },
      { id: 'p2', role: 'member' as const, active: true },
      { id: 'o', role: 'owner' as const, active: true },
      { id: 'a', role: 'admin' as const, active: false },
      { id: 'e', role: 'member' as const, active: true },
    ];
    const ctx = {
      departments: ['pr'] as Department[],
      schedules: schedules(pr),
      onCall: { pr: 'p1', executive: 'e' },
      members,
      at,
    };
    assert.deepEqual(escalationRecipients('department_backup', ctx), ['p2']);
    assert.deepEqual(escalationRecipients('crisis_lead', ctx), ['e']);
    assert.deepEqual(escalationRecipients('admins', ctx), ['o']);
  });
});
