// Routing rules as a form and as sentences: what the form sends on create and edit, and how a rule reads in
// the list ("High and above, Northwind, X or Reddit → PR and Legal on call, #alerts; escalate after 15 min to
// …"). Pure.
import {
  type CreateRoutingRuleInput,
  type Department,
  type EscalationLevel,
  escalationLevelLabels,
  escalationLevels,
  type Platform,
  type RoutingRule,
  type SignalKind,
  type SignalSeverity,
  type UpdateRoutingRuleInput,
} from '@contracts';

export interface RuleFormValues {
  name: string;
  enabled: boolean;
  minSeverity: SignalSeverity;
  brandIds: string[];
  platforms: Platform[];
  kinds: SignalKind[];
  departments: Department[];
  channelIds: string[];
  ackTimeoutMinutes: number;
  escalation: EscalationLevel[];
}

export function emptyRuleForm(): RuleFormValues {
  return {
    name: '',
    enabled: true,
    minSeverity: 'medium',
    brandIds: [],
    platforms: [],
    kinds: [],
    departments: ['pr'],
    channelIds: [],
    ackTimeoutMinutes: 15,
    escalation: ['department_backup', 'crisis_lead', 'admins'],
  };
}

export function ruleFormFromRule(rule: RoutingRule): RuleFormValues {
  return {
    name: rule.name,
    enabled: rule.enabled,
    minSeverity: rule.minSeverity,
    brandIds: [...rule.brandIds],
    platforms: [...rule.platforms],
    kinds: [...rule.kinds],
    departments: [...rule.departments],
    channelIds: [...rule.channelIds],
    ackTimeoutMinutes: rule.ackTimeoutMinutes,
    escalation: [...rule.escalation],
  };
}

/** Escalation steps always go in the contract's order (department, then crisis lead, then admins). */
export function orderedEscalation(levels: readonly EscalationLevel[]): EscalationLevel[] {
  return escalationLevels.filter((l) => levels.includes(l));
}

export function ruleInputFromForm(values: RuleFormValues): CreateRoutingRuleInput & UpdateRoutingRuleInput {
  return {
    name: values.name.trim(),
    enabled: values.enabled,
    minSeverity: values.minSeverity,
    brandIds: [...new Set(values.brandIds)],
    platforms: [...new Set(values.platforms)],
    kinds: [...new Set(values.kinds)],
    departments: [...new Set(values.departments)],
    channelIds: [...new Set(values.channelIds)],
    ackTimeoutMinutes: Math.max(1, Math.min(24 * 60, Math.round(values.ackTimeoutMinutes))),
    escalation: orderedEscalation(values.escalation),
  };
}

export function checkRuleForm(values: RuleFormValues): Partial<Record<keyof RuleFormValues, string>> {
  const errors: Partial<Record<keyof RuleFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Give the rule a name';
  if (values.departments.length === 0 && values.channelIds.length === 0) {
    errors.departments = 'Choose at least one department or channel to notify';
  }
  if (!Number.isFinite(values.ackTimeoutMinutes) || values.ackTimeoutMinutes < 1) {
    errors.ackTimeoutMinutes = 'At least one minute';
  }
  return errors;
}

const listOf = (items: readonly string[], conjunction = 'or'): string => {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
};

export interface RuleLabels {
  severity: Record<SignalSeverity, string>;
  kind: Record<SignalKind, string>;
  platform: Record<Platform, string>;
  department: Record<Department, string>;
  brand: (id: string) => string;
  channel: (id: string) => string;
}

/** The rule in three short sentences: which signals, who hears of them, and the escalation. */
export function describeRule(
  rule: Pick<
    RoutingRule,
    | 'minSeverity'
    | 'brandIds'
    | 'platforms'
    | 'kinds'
    | 'departments'
    | 'channelIds'
    | 'ackTimeoutMinutes'
    | 'escalation'
  >,
  labels: RuleLabels,
): { matches: string; notifies: string; escalation: string } {
  const parts = [
    rule.minSeverity === 'low' ? 'Any severity' : `${labels.severity[rule.minSeverity]} and above`,
    rule.kinds.length > 0 ? listOf(rule.kinds.map((k) => labels.kind[k].toLowerCase())) : 'every kind',
    rule.brandIds.length > 0 ? listOf(rule.brandIds.map(labels.brand)) : 'every brand',
    rule.platforms.length > 0
      ? `on ${listOf(rule.platforms.map((p) => labels.platform[p]))}`
      : 'any platform',
  ];
  const who = [
    ...(rule.departments.length > 0
      ? [
          `${listOf(
            rule.departments.map((d) => labels.department[d]),
            'and',
          )} on call`,
        ]
      : []),
    ...rule.channelIds.map(labels.channel),
  ];
  const steps = orderedEscalation(rule.escalation).map((l) => escalationLevelLabels[l].toLowerCase());
  return {
    matches: parts.join(', '),
    notifies: who.length > 0 ? listOf(who, 'and') : 'nobody',
    escalation:
      steps.length > 0
        ? `Unacknowledged after ${rule.ackTimeoutMinutes} min: ${steps.join(', then ')} (one step every ${rule.ackTimeoutMinutes} min)`
        : 'No escalation',
  };
}
