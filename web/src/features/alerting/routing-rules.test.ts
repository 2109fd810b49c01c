import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoutingRule } from '@contracts';
import { departmentLabels, platformLabels } from '../../lib/labels';
import {
  checkRuleForm,
  describeRule,
  emptyRuleForm,
  orderedEscalation,
  ruleFormFromRule,
  ruleInputFromForm,
} from './routing-rules';

const labels = {
  severity: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  kind: { spike: 'Spike', narrative: 'Emerging narrative', high_reach: 'High-reach post' },
  platform: platformLabels,
  department: departmentLabels,
  brand: (id: string) => ({ b1: 'Northwind', b2: 'Contoso' })[id] ?? 'a removed brand',
  channel: (id: string) => ({ c1: '#brand-alerts', c2: 'PR email' })[id] ?? 'a removed channel',
};

const rule: RoutingRule = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Severe Northwind',
  enabled: true,
  minSeverity: 'high',
  brandIds: ['b1'],
  platforms: ['x', 'reddit'],
  kinds: ['spike'],
  departments: ['pr', 'legal'],
  channelIds: ['c1', 'c2'],
  ackTimeoutMinutes: 10,
  escalation: ['admins', 'department_backup'],
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
};

describe('describeRule', () => {
  it('reads which signals, who is told, and how it escalates', () => {
    assert.deepEqual(describeRule(rule, labels), {
      matches: 'High and above, spike, Northwind, on X or Reddit',
      notifies: 'PR and Legal on call, #brand-alerts and PR email',
      escalation:
        'Unacknowledged after 10 min: next on call in each department, then workspace admins (one step every 10 min)',
    });
    const broad = describeRule(
      {
        ...rule,
        minSeverity: 'low',
        brandIds: [],
        platforms: [],
        kinds: [],
        departments: [],
        channelIds: [],
        escalation: [],
      },
      labels,
    );
    assert.deepEqual(broad, {
      matches: 'Any severity, every kind, every brand, any platform',
      notifies: 'nobody',
      escalation: 'No escalation',
    });
  });
});

describe('rule form', () => {
  it('round-trips a rule and sends escalation steps in order, without repeats', () => {
    const input = ruleInputFromForm({
      ...ruleFormFromRule(rule),
      name: '  Severe Northwind ',
      channelIds: ['c1', 'c1'],
    });
    assert.equal(input.name, 'Severe Northwind');
    assert.deepEqual(input.channelIds, ['c1']);
    assert.deepEqual(input.escalation, ['department_backup', 'admins']);
    assert.deepEqual(orderedEscalation(['admins', 'crisis_lead']), ['crisis_lead', 'admins']);
    assert.equal(ruleInputFromForm({ ...emptyRuleForm(), ackTimeoutMinutes: 0.4 }).ackTimeoutMinutes, 1);
  });

  it('needs a name and someone to notify', () => {
    assert.deepEqual(Object.keys(checkRuleForm({ ...emptyRuleForm(), departments: [] })).sort(), [
      'departments',
      'name',
    ]);
    assert.deepEqual(checkRuleForm({ ...emptyRuleForm(), name: 'x' }), {});
  });
});
