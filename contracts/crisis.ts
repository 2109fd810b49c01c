// The crisis war room: one record from first spike to review. Crisis, roles with tenure, timeline, discussion,
// decisions, fact sheet, tasks, situation reports; playbooks per crisis type; on-call rotations per department.
import { z } from 'zod';
import { Department } from './identity';

export const crisisTypes = [
  'offensive_ad',
  'product_issue',
  'data_breach',
  'misconduct',
  'influencer_backlash',
  'misinformation',
  'service_failure',
  'other',
] as const;
export const CrisisType = z.enum(crisisTypes);
export type CrisisType = z.infer<typeof CrisisType>;

export const crisisTypeLabels: Record<CrisisType, string> = {
  offensive_ad: 'Offensive or tone-deaf ad',
  product_issue: 'Product issue',
  data_breach: 'Data breach',
  misconduct: 'Executive or employee misconduct',
  influencer_backlash: 'Influencer backlash',
  misinformation: 'Misinformation',
  service_failure: 'Service failure',
  other: 'Other',
};

export const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const Severity = z.enum(severities);
export type Severity = z.infer<typeof Severity>;

/** The written criteria for each severity, shown wherever a severity is chosen. */
export const severityCriteria: Record<
  Severity,
  { title: string; criteria: string; sitrepEveryMinutes: number }
> = {
  SEV1: {
    title: 'Critical',
    criteria:
      'Threatens the company or its customers now: safety or legal exposure, a data breach, national press or trending coverage, executive involvement needed within the hour. All hands; situation report every hour.',
    sitrepEveryMinutes: 60,
  },
  SEV2: {
    title: 'Major',
    criteria:
      'Fast-growing negative coverage across several platforms or a high-reach voice, likely to reach the press within hours; paid and scheduled content may amplify it. Situation report every 2 hours.',
    sitrepEveryMinutes: 120,
  },
  SEV3: {
    title: 'Moderate',
    criteria:
      'Clear negative spike on one platform or community, contained so far, no press; needs a coordinated answer within the working day. Situation report every 4 hours.',
    sitrepEveryMinutes: 240,
  },
  SEV4: {
    title: 'Minor',
    criteria:
      'Elevated complaints or a developing story worth watching; handled by the usual teams with a named lead. Daily situation report.',
    sitrepEveryMinutes: 1440,
  },
};

export const crisisStatuses = ['monitoring', 'active', 'contained', 'resolved', 'reviewed'] as const;
export const CrisisStatus = z.enum(crisisStatuses);
export type CrisisStatus = z.infer<typeof CrisisStatus>;

/** Roles in a crisis; each has one holder at a time (tenure recorded). Participants and observers are many. */
export const crisisRoles = [
  'crisis_lead',
  'spokesperson',
  'pr_lead',
  'legal_counsel',
  'customer_service_lead',
  'marketing_lead',
  'ad_operations',
  'scribe',
] as const;
export const CrisisRole = z.enum(crisisRoles);
export type CrisisRole = z.infer<typeof CrisisRole>;
export const membershipRoles = [...crisisRoles, 'participant', 'observer'] as const;
export const MembershipRole = z.enum(membershipRoles);
export type MembershipRole = z.infer<typeof MembershipRole>;

export const crisisRoleLabels: Record<MembershipRole, string> = {
  crisis_lead: 'Crisis lead',
  spokesperson: 'Spokesperson',
  pr_lead: 'PR lead',
  legal_counsel: 'Legal counsel',
  customer_service_lead: 'Customer-service lead',
  marketing_lead: 'Marketing lead',
  ad_operations: 'Ad operations',
  scribe: 'Scribe',
  participant: 'Participant',
  observer: 'Observer',
};

export const RoleAssignment = z.object({
  id: z.uuid(),
  role: MembershipRole,
  memberId: z.uuid(),
  memberName: z.string(),
  assumedAt: z.iso.datetime(),
  handedOverAt: z.iso.datetime().nullable(),
  /** How the holder got the role: the on-call schedule, the declarer as fallback, or by hand. */
  source: z.enum(['on_call', 'declarer', 'manual']),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const Crisis = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  type: CrisisType,
  severity: Severity,
  status: CrisisStatus,
  brandId: z.uuid().nullable(),
  signalId: z.uuid().nullable(),
  evidenceMentionIds: z.array(z.string()),
  playbookVersionId: z.uuid().nullable(),
  playbookVersion: z.number().int().nullable(),
  declaredBy: z.uuid().nullable(),
  declaredAt: z.iso.datetime(),
  statusChangedAt: z.iso.datetime(),
  nextSitrepDueAt: z.iso.datetime().nullable(),
  leadId: z.uuid().nullable(),
  updatedAt: z.iso.datetime(),
});
export type Crisis = z.infer<typeof Crisis>;

export const DeclareCrisisInput = z.object({
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(5000).default(''),
  type: CrisisType,
  severity: Severity,
  brandId: z.uuid().optional(),
  /** When declared from a detection signal (detection issue): its id and evidence mentions. */
  signalId: z.uuid().optional(),
  evidenceMentionIds: z.array(z.uuid()).max(200).default([]),
});
export type DeclareCrisisInput = z.input<typeof DeclareCrisisInput>;

export const ListCrisesQuery = z.object({
  status: CrisisStatus.optional(),
  open: z.enum(['true', 'false']).optional(),
});

export const ChangeStatusInput = z.object({
  status: CrisisStatus,
  note: z.string().trim().max(2000).optional(),
});
export const ChangeSeverityInput = z.object({
  severity: Severity,
  note: z.string().trim().max(2000).optional(),
});

export const AssignRoleInput = z.object({ role: MembershipRole, memberId: z.uuid() });
export type AssignRoleInput = z.infer<typeof AssignRoleInput>;

export const timelineKinds = [
  'declared',
  'status',
  'severity',
  'role',
  'task',
  'decision',
  'fact',
  'note',
  'sitrep',
  'escalation',
  'reminder',
  'signal',
] as const;
export const TimelineEntry = z.object({
  id: z.uuid(),
  crisisId: z.uuid(),
  kind: z.enum(timelineKinds),
  summary: z.string(),
  actorId: z.uuid().nullable(),
  actorLabel: z.string(),
  at: z.iso.datetime(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const AddNoteInput = z.object({ text: z.string().trim().min(1).max(5000) });

export const CrisisMessage = z.object({
  id: z.uuid(),
  crisisId: z.uuid(),
  authorId: z.uuid().nullable(),
  authorName: z.string(),
  body: z.string(),
  /** Members mentioned with @handle (the part of their email before the @). */
  mentions: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
});
export type CrisisMessage = z.infer<typeof CrisisMessage>;
export const PostMessageInput = z.object({ body: z.string().trim().min(1).max(10_000) });

export const Decision = z.object({
  id: z.uuid(),
  crisisId: z.uuid(),
  decision: z.string(),
  rationale: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedByName: z.string(),
  decidedAt: z.iso.datetime(),
});
export type Decision = z.infer<typeof Decision>;
export const RecordDecisionInput = z.object({
  decision: z.string().trim().min(1).max(2000),
  rationale: z.string().trim().max(5000).default(''),
  /** Who decided (defaults to the person recording it). */
  decidedBy: z.uuid().optional(),
});

export const FactItem = z.object({
  id: z.uuid(),
  crisisId: z.uuid(),
  kind: z.enum(['known', 'unknown']),
  text: z.string(),
  updatedAt: z.iso.datetime(),
});
export type FactItem = z.infer<typeof FactItem>;
export const AddFactInput = z.object({
  kind: z.enum(['known', 'unknown']),
  text: z.string().trim().min(1).max(2000),
});
export const UpdateFactInput = z
  .object({ kind: z.enum(['known', 'unknown']), text: z.string().trim().min(1).max(2000) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const taskStatuses = ['todo', 'doing', 'blocked', 'done'] as const;
export const TaskStatus = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const CrisisTask = z.object({
  id: z.uuid(),
  crisisId: z.uuid(),
  title: z.string(),
  description: z.string(),
  department: Department,
  ownerId: z.uuid().nullable(),
  deadline: z.iso.datetime().nullable(),
  status: TaskStatus,
  dependsOn: z.array(z.uuid()),
  escalatedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type CrisisTask = z.infer<typeof CrisisTask>;
export const CreateTaskInput = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).default(''),
  department: Department,
  ownerId: z.uuid().nullable().optional(),
  deadline: z.iso.datetime().nullable().optional(),
  dependsOn: z.array(z.uuid()).max(50).default([]),
});
export const UpdateTaskInput = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().trim().max(5000),
    department: Department,
    ownerId: z.uuid().nullable(),
    deadline: z.iso.datetime().nullable(),
    status: TaskStatus,
    dependsOn: z.array(z.uuid()).max(50),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const Sitrep = z.object({
  id: z.uuid(),
  crisisId: z.uuid(),
  situation: z.string(),
  actions: z.string(),
  needs: z.string(),
  authorId: z.uuid().nullable(),
  authorName: z.string(),
  createdAt: z.iso.datetime(),
});
export type Sitrep = z.infer<typeof Sitrep>;
export const SitrepInput = z.object({
  situation: z.string().trim().min(1).max(10_000),
  actions: z.string().trim().max(10_000).default(''),
  needs: z.string().trim().max(10_000).default(''),
});

// ---- Playbooks ----

export const PlaybookTask = z.object({
  key: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).default(''),
  department: Department,
  /** Deadline relative to the declaration, in minutes. */
  dueAfterMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30),
  /** Keys of tasks that must be done first. */
  dependsOn: z.array(z.string()).max(20).default([]),
});
export type PlaybookTask = z.infer<typeof PlaybookTask>;
export const PlaybookContent = z.object({
  tasks: z.array(PlaybookTask).max(100),
  roles: z.array(CrisisRole).default([]),
  holdingStatements: z
    .array(z.object({ title: z.string().max(200), body: z.string().max(5000) }))
    .max(20)
    .default([]),
  checklists: z
    .array(z.object({ title: z.string().max(200), items: z.array(z.string().max(500)).max(50) }))
    .max(20)
    .default([]),
});
export type PlaybookContent = z.infer<typeof PlaybookContent>;

export const PlaybookVersion = z.object({
  id: z.uuid(),
  playbookId: z.uuid(),
  version: z.number().int(),
  content: PlaybookContent,
  reason: z.string(),
  changedBy: z.string(),
  createdAt: z.iso.datetime(),
  /** What this version changed from the one before, in words (the first version: what it was created with). */
  changes: z.array(z.string()),
});
export type PlaybookVersion = z.infer<typeof PlaybookVersion>;
export const Playbook = z.object({
  id: z.uuid(),
  crisisType: CrisisType,
  name: z.string(),
  current: PlaybookVersion,
});
export type Playbook = z.infer<typeof Playbook>;
export const SavePlaybookInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  content: PlaybookContent,
  reason: z.string().trim().min(1, 'say why you changed it').max(2000),
});
export type SavePlaybookInput = z.input<typeof SavePlaybookInput>;

/** Everything the crisis room shows, in one read. */
export const CrisisRoom = z.object({
  crisis: Crisis,
  roles: z.array(RoleAssignment),
  timeline: z.array(TimelineEntry),
  messages: z.array(CrisisMessage),
  decisions: z.array(Decision),
  facts: z.array(FactItem),
  tasks: z.array(CrisisTask),
  sitreps: z.array(Sitrep),
  /** The playbook version the crisis was declared with (its holding statements and checklists), if any. */
  playbook: z.object({ name: z.string(), version: z.number().int(), content: PlaybookContent }).nullable(),
  /** What the reader may do here (crisis-role check): lead powers, act, or only read. */
  capability: z.enum(['lead', 'responder', 'observer']),
});
export type CrisisRoom = z.infer<typeof CrisisRoom>;

// ---- On call ----

export const OnCallRotation = z.object({
  department: Department,
  /** Members in rotation order. */
  memberIds: z.array(z.uuid()).max(100),
  /** Each member is on call this long before handing off to the next. */
  handoffEveryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 28),
  /** The moment the first member's first shift began; handoffs happen at this time of day. */
  startsAt: z.iso.datetime(),
});
export type OnCallRotation = z.infer<typeof OnCallRotation>;
export const OnCallOverride = z.object({
  id: z.uuid(),
  department: Department,
  memberId: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});
export type OnCallOverride = z.infer<typeof OnCallOverride>;
export const AddOverrideInput = OnCallOverride.omit({ id: true }).refine((o) => o.endsAt > o.startsAt, {
  message: 'endsAt must be after startsAt',
  path: ['endsAt'],
});
export const OnCallSchedule = z.object({
  rotations: z.array(OnCallRotation),
  overrides: z.array(OnCallOverride),
  /** Who is on call now, per department (null: nobody). */
  now: z.record(z.string(), z.uuid().nullable()),
});
export type OnCallSchedule = z.infer<typeof OnCallSchedule>;

/** In-app notification to one member (escalations, sitrep reminders). */
export interface CrisisNotification {
  memberId: string;
  crisisId: string;
  kind: 'task_overdue' | 'sitrep_due' | 'mention';
  message: string;
}
