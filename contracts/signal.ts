// Detection signals, their explanation (for the signal view and its chart), feedback, and routing rules.
// See docs/detection.md (signals, routing, escalation).
import { z } from 'zod';
import { AlertSeverity } from './alert';
import { Platform } from './brand';
import { Crisis, CrisisType, Severity as CrisisSeverity } from './crisis';
import { Department } from './identity';
import { SentimentLabel } from './mention';

const IsoTime = z.iso.datetime();

/** A signal's severity: the detector's episode levels (same scale as an alert's). */
export const signalSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const SignalSeverity = AlertSeverity;
export type SignalSeverity = z.infer<typeof SignalSeverity>;

/**
 * spike: a metric of a brand (or brand × platform) left its seasonal baseline;
 * narrative: terms, hashtags or phrases whose rate jumped, or a cluster of near-identical posts;
 * high_reach: a negative post by a large-reach author, or a post gathering engagement unusually fast.
 */
export const signalKinds = ['spike', 'narrative', 'high_reach'] as const;
export const SignalKind = z.enum(signalKinds);
export type SignalKind = z.infer<typeof SignalKind>;

/** The metrics the streaming detectors follow per brand and per brand × platform (per-minute rollups). */
export const signalMetrics = ['volume', 'negative_share', 'negative_reach', 'acceleration'] as const;
export const SignalMetric = z.enum(signalMetrics);
export type SignalMetric = z.infer<typeof SignalMetric>;

export const signalMetricLabels: Record<SignalMetric, string> = {
  volume: 'Mentions per minute',
  negative_share: 'Negative share',
  negative_reach: 'Reach-weighted negative mentions',
  acceleration: 'Acceleration of mentions (z-score of growth)',
};

/**
 * open: raised, nobody has answered; acknowledged: someone owns it (escalation stops); snoozed: owned but
 * set aside until `snoozedUntil` (then open again); merged: folded into another signal (`mergedIntoId`);
 * escalated: a crisis was declared from it (`crisisId`); dismissed: judged not worth acting on.
 */
export const signalStatuses = [
  'open',
  'acknowledged',
  'snoozed',
  'merged',
  'escalated',
  'dismissed',
] as const;
export const SignalStatus = z.enum(signalStatuses);
export type SignalStatus = z.infer<typeof SignalStatus>;

/** Statuses of a signal that still needs (or has) someone's attention; related detections merge into these. */
export const activeSignalStatuses = [
  'open',
  'acknowledged',
  'snoozed',
] as const satisfies readonly SignalStatus[];

// ---------- explanation ----------

/** One bucket of the signal chart: the observed value, the baseline (expected) and its band, and the score. */
export const SignalSeriesPoint = z.object({
  /** Start of the bucket (UTC). */
  t: IsoTime,
  observed: z.number().nullable(),
  /** Baseline expectation and band (about ±3σ); null for buckets before the detector's trace (context only). */
  expected: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** Anomaly score in [0, 1], null where unknown. */
  score: z.number().min(0).max(1).nullable(),
});
export type SignalSeriesPoint = z.infer<typeof SignalSeriesPoint>;

export const SignalSeries = z.object({
  metric: SignalMetric,
  /** null: all platforms of the brand together. */
  platform: Platform.nullable(),
  bucketSeconds: z.number().int().positive(),
  points: z.array(SignalSeriesPoint),
});
export type SignalSeries = z.infer<typeof SignalSeries>;

/** What a detector saw when it fired (one per metric × platform that fired in this signal). */
export const SignalMetricReading = z.object({
  metric: SignalMetric,
  platform: Platform.nullable(),
  t: IsoTime,
  observed: z.number(),
  expected: z.number(),
  lower: z.number(),
  upper: z.number(),
  score: z.number().min(0).max(1),
  zScore: z.number(),
  severity: SignalSeverity,
});
export type SignalMetricReading = z.infer<typeof SignalMetricReading>;

export const termKinds = ['term', 'hashtag', 'phrase'] as const;
/** A term, hashtag or phrase whose rate jumped against its baseline ("what people are saying"). */
export const SignalTerm = z.object({
  term: z.string(),
  kind: z.enum(termKinds),
  /** Mentions containing it in the recent window, and the count its baseline expected there. */
  count: z.number().int(),
  expected: z.number(),
  /** count ÷ expected (smoothed), ≥ 1 for a surge. */
  ratio: z.number(),
});
export type SignalTerm = z.infer<typeof SignalTerm>;

/** A cluster of near-identical posts (copy-paste campaigns). */
export const SignalCluster = z.object({
  /** The text of one post of the cluster. */
  text: z.string(),
  size: z.number().int(),
  distinctAuthors: z.number().int(),
  platforms: z.array(Platform),
  mentionIds: z.array(z.string()),
});
export type SignalCluster = z.infer<typeof SignalCluster>;

export const signalPostReasons = ['sample', 'top_reach', 'high_reach_negative', 'fast_engagement'] as const;
/** A post shown as evidence in the explanation. */
export const SignalPost = z.object({
  mentionId: z.string(),
  platform: Platform,
  author: z.string(),
  authorFollowers: z.number().int().nullable(),
  text: z.string(),
  url: z.string().nullable(),
  reach: z.number(),
  sentiment: SentimentLabel.nullable(),
  /** Likes + reposts + replies. */
  engagement: z.number().int(),
  createdAt: IsoTime,
  reason: z.enum(signalPostReasons),
});
export type SignalPost = z.infer<typeof SignalPost>;

/** How each affected platform contributed in the window. */
export const SignalPlatformImpact = z.object({
  platform: Platform,
  count: z.number().int(),
  /** What the baseline expected over the same window (summed), null when that platform has no detector yet. */
  expected: z.number().nullable(),
  negativeShare: z.number().min(0).max(1).nullable(),
  /** Highest score of that platform's detectors in the signal, null when none fired. */
  score: z.number().min(0).max(1).nullable(),
});
export type SignalPlatformImpact = z.infer<typeof SignalPlatformImpact>;

export const SignalExplanation = z.object({
  /** One sentence: what happened against the baseline. */
  summary: z.string(),
  /** Onset: start of the first bucket that fired (marked on the chart). */
  onsetAt: IsoTime,
  /** The metric that opened the signal, with its baseline against observed at the latest fire. */
  metric: SignalMetric,
  baseline: z.number(),
  observed: z.number(),
  /** observed ÷ baseline (null when the baseline is 0). */
  ratio: z.number().nullable(),
  /** Every detector reading that fired into this signal (latest per metric × platform). */
  readings: z.array(SignalMetricReading),
  /** Chart of the opening metric: baseline band, observed series, scores. */
  series: SignalSeries,
  topTerms: z.array(SignalTerm),
  clusters: z.array(SignalCluster),
  topPosts: z.array(SignalPost),
  platforms: z.array(SignalPlatformImpact),
});
export type SignalExplanation = z.infer<typeof SignalExplanation>;

// ---------- signals ----------

export const signalFeedbackVerdicts = ['real', 'noise'] as const;
export const SignalFeedbackVerdict = z.enum(signalFeedbackVerdicts);
export type SignalFeedbackVerdict = z.infer<typeof SignalFeedbackVerdict>;

export const Signal = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  brandName: z.string(),
  kind: SignalKind,
  title: z.string(),
  severity: SignalSeverity,
  /** Highest score seen in the signal, in [0, 1]. */
  score: z.number().min(0).max(1),
  status: SignalStatus,
  platforms: z.array(Platform),
  /** Onset of the first detection. */
  startedAt: IsoTime,
  lastDetectedAt: IsoTime,
  detectionCount: z.number().int(),
  /** Bumped on each change that deserves a new message (a new severity, an escalation step). */
  version: z.number().int(),
  /** Who acknowledged or snoozed it (a member id), and until when it is snoozed. */
  ownerId: z.uuid().nullable(),
  acknowledgedAt: IsoTime.nullable(),
  snoozedUntil: IsoTime.nullable(),
  mergedIntoId: z.uuid().nullable(),
  crisisId: z.uuid().nullable(),
  dismissedAt: IsoTime.nullable(),
  /** Departments it was routed to, and how far escalation has gone (0 = first notice only). */
  routedDepartments: z.array(Department),
  escalationLevel: z.number().int(),
  /** The latest feedback verdict given on it, if any. */
  feedback: SignalFeedbackVerdict.nullable(),
  explanation: SignalExplanation,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Signal = z.infer<typeof Signal>;

/** One detector fire recorded on a signal (its history). */
export const SignalDetection = z.object({
  id: z.uuid(),
  signalId: z.uuid(),
  kind: SignalKind,
  metric: SignalMetric.nullable(),
  platform: Platform.nullable(),
  /** Start of the bucket that fired. */
  t: IsoTime,
  score: z.number().min(0).max(1),
  severity: SignalSeverity,
  isOnset: z.boolean(),
  summary: z.string(),
  createdAt: IsoTime,
});
export type SignalDetection = z.infer<typeof SignalDetection>;

export const SignalFeedback = z.object({
  id: z.uuid(),
  signalId: z.uuid(),
  memberId: z.uuid().nullable(),
  memberName: z.string(),
  verdict: SignalFeedbackVerdict,
  note: z.string(),
  createdAt: IsoTime,
});
export type SignalFeedback = z.infer<typeof SignalFeedback>;

/** `GET /api/signals/:id`: the signal with its chart extended to now, history, feedback and delivery. */
export const SignalDetail = z.object({
  signal: Signal,
  /** The opening metric's series from two hours before onset to now (observed from the rollups). */
  chart: SignalSeries,
  detections: z.array(SignalDetection),
  feedback: z.array(SignalFeedback),
  /** Signals merged into this one. */
  merged: z.array(z.object({ id: z.uuid(), title: z.string(), startedAt: IsoTime })),
});
export type SignalDetail = z.infer<typeof SignalDetail>;

export const ListSignalsQuery = z.object({
  status: SignalStatus.optional(),
  /** true: open, acknowledged or snoozed only; false: the others. */
  active: z.enum(['true', 'false']).optional(),
  brandId: z.uuid().optional(),
  kind: SignalKind.optional(),
  /** Minimum severity. */
  severity: SignalSeverity.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListSignalsQuery = z.input<typeof ListSignalsQuery>;

export const AcknowledgeSignalInput = z.object({ note: z.string().trim().max(2000).optional() });
export type AcknowledgeSignalInput = z.infer<typeof AcknowledgeSignalInput>;

/** Snooze for `minutes` (5 minutes to 7 days); it comes back open when the time is up. */
export const SnoozeSignalInput = z.object({
  minutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60),
  note: z.string().trim().max(2000).optional(),
});
export type SnoozeSignalInput = z.infer<typeof SnoozeSignalInput>;

export const DismissSignalInput = z.object({ reason: z.string().trim().max(2000).optional() });
export type DismissSignalInput = z.infer<typeof DismissSignalInput>;

export const SignalFeedbackInput = z.object({
  verdict: SignalFeedbackVerdict,
  note: z.string().trim().max(2000).default(''),
});
export type SignalFeedbackInput = z.input<typeof SignalFeedbackInput>;

/**
 * Declaring a crisis from a signal: defaults come from the signal (title, the severity mapped low→SEV4 …
 * critical→SEV1, its brand, its top posts as evidence).
 */
export const DeclareCrisisFromSignalInput = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  summary: z.string().trim().max(5000).optional(),
  type: CrisisType.default('other'),
  severity: CrisisSeverity.optional(),
  evidenceMentionIds: z.array(z.string().min(1).max(200)).max(200).optional(),
});
export type DeclareCrisisFromSignalInput = z.input<typeof DeclareCrisisFromSignalInput>;

/** What declaring a crisis from a signal answers: the signal (now `escalated`) and the new crisis. */
export const DeclareCrisisFromSignalResult = z.object({ signal: Signal, crisis: Crisis });
export type DeclareCrisisFromSignalResult = z.infer<typeof DeclareCrisisFromSignalResult>;

export const signalSeverityToCrisis: Record<SignalSeverity, CrisisSeverity> = {
  low: 'SEV4',
  medium: 'SEV3',
  high: 'SEV2',
  critical: 'SEV1',
};

// ---------- feedback report ----------

export const SignalFeedbackReportQuery = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  brandId: z.uuid().optional(),
});
export type SignalFeedbackReportQuery = z.input<typeof SignalFeedbackReportQuery>;

export const SignalFeedbackTally = z.object({
  signals: z.number().int(),
  withFeedback: z.number().int(),
  real: z.number().int(),
  noise: z.number().int(),
  /** real ÷ (real + noise), null without feedback. */
  precision: z.number().min(0).max(1).nullable(),
});
export type SignalFeedbackTally = z.infer<typeof SignalFeedbackTally>;

/** `GET /api/signals/feedback-report`: how often signals were judged real, overall and by kind, severity, brand. */
export const SignalFeedbackReport = z.object({
  since: IsoTime,
  until: IsoTime,
  total: SignalFeedbackTally,
  byKind: z.array(SignalFeedbackTally.extend({ kind: SignalKind })),
  bySeverity: z.array(SignalFeedbackTally.extend({ severity: SignalSeverity })),
  byBrand: z.array(SignalFeedbackTally.extend({ brandId: z.uuid(), brandName: z.string() })),
});
export type SignalFeedbackReport = z.infer<typeof SignalFeedbackReport>;

// ---------- routing rules ----------

/**
 * Escalation levels, in the order a rule lists them: department_backup (the next member of each routed
 * department's rotation), crisis_lead (whoever would lead a crisis declared now: executive on call, else PR),
 * admins (every owner and admin of the workspace).
 */
export const escalationLevels = ['department_backup', 'crisis_lead', 'admins'] as const;
export const EscalationLevel = z.enum(escalationLevels);
export type EscalationLevel = z.infer<typeof EscalationLevel>;

export const escalationLevelLabels: Record<EscalationLevel, string> = {
  department_backup: 'Next on call in each department',
  crisis_lead: 'Crisis lead on call',
  admins: 'Workspace admins',
};

const RoutingRuleFields = z.object({
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean(),
  /** Signals at or above this severity match. */
  minSeverity: SignalSeverity,
  /** Empty: every brand / platform / kind. */
  brandIds: z.array(z.uuid()).max(200),
  platforms: z.array(Platform).max(20),
  kinds: z.array(SignalKind).max(3),
  /** The on-call member of each of these departments is notified (in-app, and named on the channels). */
  departments: z.array(Department).max(5),
  /** Notification channels (Slack, Teams, email, webhook) the signal is sent to. */
  channelIds: z.array(z.uuid()).max(20),
  /** Minutes without acknowledgement before each escalation step. */
  ackTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** Who is notified at each step, in order; empty: no escalation. */
  escalation: z.array(EscalationLevel).max(3),
});

export const RoutingRule = RoutingRuleFields.extend({
  id: z.uuid(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const CreateRoutingRuleInput = RoutingRuleFields.extend({
  enabled: z.boolean().default(true),
  minSeverity: SignalSeverity.default('low'),
  brandIds: z.array(z.uuid()).max(200).default([]),
  platforms: z.array(Platform).max(20).default([]),
  kinds: z.array(SignalKind).max(3).default([]),
  departments: z.array(Department).max(5).default([]),
  channelIds: z.array(z.uuid()).max(20).default([]),
  ackTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  escalation: z.array(EscalationLevel).max(3).default(['department_backup', 'crisis_lead', 'admins']),
});
export type CreateRoutingRuleInput = z.input<typeof CreateRoutingRuleInput>;

export const UpdateRoutingRuleInput = RoutingRuleFields.partial().refine(
  (v) => Object.keys(v).length > 0,
  'nothing to change',
);
export type UpdateRoutingRuleInput = z.infer<typeof UpdateRoutingRuleInput>;
