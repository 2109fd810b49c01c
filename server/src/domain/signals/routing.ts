// Routing: which rules a signal matches, who is told first (the on-call member of each routed department, and
// the rules' channels), and who is told at each escalation step while nobody acknowledges. Pure.
import type {
  Department,
  EscalationLevel,
  SignalKind,
  SignalSeverity,
  WorkspaceRole,
} from '../../../../contracts';
import { escalationLevels } from '../../../../contracts';
import { type DepartmentSchedule, whoIsOnCall } from '../crisis/on-call';
import { roleDepartments } from '../crisis/roles';
import { atLeast } from './merge';

export interface RuleView {
  id: string;
  enabled: boolean;
  minSeverity: SignalSeverity;
  brandIds: readonly string[];
  platforms: readonly string[];
  kinds: readonly SignalKind[];
  departments: readonly Department[];
  channelIds: readonly string[];
  ackTimeoutMinutes: number;
  escalation: readonly EscalationLevel[];
}

export interface RoutableSignal {
  brandId: string;
  kind: SignalKind;
  severity: SignalSeverity;
  platforms: readonly string[];
}

/** Enabled rules whose severity, brand, platform and kind filters all accept the signal (empty = any). */
export function matchingRules(rules: readonly RuleView[], signal: RoutableSignal): RuleView[] {
  return rules.filter(
    (r) =>
      r.enabled &&
      atLeast(signal.severity, r.minSeverity) &&
      (r.brandIds.length === 0 || r.brandIds.includes(signal.brandId)) &&
      (r.kinds.length === 0 || r.kinds.includes(signal.kind)) &&
      (r.platforms.length === 0 || r.platforms.some((p) => signal.platforms.includes(p))),
  );
}

export interface RoutePlan {
  ruleIds: string[];
  departments: Department[];
  channelIds: string[];
  /** The earliest timeout among rules that escalate; null when none escalates. */
  ackTimeoutMinutes: number | null;
  /** Escalation levels of all matching rules, in their fixed order. */
  escalation: EscalationLevel[];
}

export function routePlan(rules: readonly RuleView[]): RoutePlan {
  const departments = new Set<Department>();
  const channels = new Set<string>();
  const levels = new Set<EscalationLevel>();
  let timeout: number | null = null;
  for (const r of rules) {
    r.departments.forEach((d) => departments.add(d));
    r.channelIds.forEach((c) => channels.add(c));
    if (r.escalation.length > 0) {
      r.escalation.forEach((l) => levels.add(l));
      timeout = timeout === null ? r.ackTimeoutMinutes : Math.min(timeout, r.ackTimeoutMinutes);
    }
  }
  return {
    ruleIds: rules.map((r) => r.id),
    departments: [...departments].sort(),
    channelIds: [...channels].sort(),
    ackTimeoutMinutes: timeout,
    escalation: escalationLevels.filter((l) => levels.has(l)),
  };
}

/** The on-call member of each department (departments with nobody on call are left out). */
export function firstResponders(
  departments: readonly Department[],
  onCall: Partial<Record<Department, string | null>>,
): { department: Department; memberId: string }[] {
  const out: { department: Department; memberId: string }[] = [];
  for (const department of departments) {
    const memberId = onCall[department];
    if (memberId) out.push({ department, memberId });
  }
  return out;
}

/**
 * The backup of a department: the next member of its rotation after whoever is on call (an override included),
 * skipping inactive members; null when the rotation has nobody else.
 */
export function backupOnCall(
  schedule: DepartmentSchedule,
  at: Date,
  isActive: (memberId: string) => boolean = () => true,
): string | null {
  const current = whoIsOnCall(schedule, at);
  const rotation = schedule.rotation;
  if (!rotation || rotation.memberIds.length === 0) return null;
  const start = rotation.startsAt.getTime();
  const period = rotation.handoffEveryHours * 3_600_000;
  const shift = at.getTime() < start ? 0 : Math.floor((at.getTime() - start) / period);
  const n = rotation.memberIds.length;
  for (let k = 0; k <= n; k += 1) {
    const candidate = rotation.memberIds[(shift + k) % n]!;
    if (candidate !== current && isActive(candidate)) return candidate;
  }
  return null;
}

export interface EscalationContext {
  departments: readonly Department[];
  schedules: Record<Department, DepartmentSchedule>;
  onCall: Partial<Record<Department, string | null>>;
  members: readonly { id: string; role: WorkspaceRole; active: boolean }[];
  at: Date;
}

/** Who is told at an escalation level. */
export function escalationRecipients(level: EscalationLevel, ctx: EscalationContext): string[] {
  const active = new Set(ctx.members.filter((m) => m.active).map((m) => m.id));
  const out = new Set<string>();
  switch (level) {
    case 'department_backup':
      for (const d of ctx.departments) {
        const backup = backupOnCall(ctx.schedules[d], ctx.at, (id) => active.has(id));
        if (backup) out.add(backup);
      }
      break;
    case 'crisis_lead': {
      const lead = roleDepartments.crisis_lead.map((d) => ctx.onCall[d]).find((m) => m && active.has(m));
      if (lead) out.add(lead);
      break;
    }
    case 'admins':
      for (const m of ctx.members) if (m.active && (m.role === 'owner' || m.role === 'admin')) out.add(m.id);
      break;
  }
  return [...out];
}

/**
 * When the step after `level` (1-based, 0 = first notice) falls due, or null when escalation is over. `minuteMs`
 * is the length of one minute of the timeout (a minute; tests shorten it, FIREBREAK_ESCALATION_MINUTE_SECONDS).
 */
export function nextEscalationDue(
  plan: Pick<RoutePlan, 'ackTimeoutMinutes' | 'escalation'>,
  level: number,
  from: Date,
  minuteMs = 60_000,
): Date | null {
  if (plan.ackTimeoutMinutes === null || level >= plan.escalation.length) return null;
  return new Date(from.getTime() + plan.ackTimeoutMinutes * minuteMs);
}
