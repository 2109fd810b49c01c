import { z } from 'zod';

/** How urgent an alert is; `low` alerts wait for the end of a recipient's quiet hours. */
export const alertSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const AlertSeverity = z.enum(alertSeverities);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** Buttons on an alert. Slack sends them back as interactions; Teams and email link to the app instead. */
export const alertActionKinds = ['acknowledge', 'declare_crisis'] as const;
export const AlertActionKind = z.enum(alertActionKinds);
export type AlertActionKind = z.infer<typeof AlertActionKind>;

const Line = z.string().max(2000);

/**
 * What an alert says, whatever the medium: rendered to Slack Block Kit, a Teams Adaptive Card, email and
 * webhook JSON by server/src/domain/alerting/render.ts.
 */
export const AlertMessage = z.object({
  title: z.string().trim().min(1).max(200),
  severity: AlertSeverity,
  /** The brand concerned, if any. */
  brand: z.string().max(200).nullable().default(null),
  /** One-sentence summary. */
  summary: Line,
  /** Explanation lines (baseline against observed, platforms affected…). */
  explanation: z.array(Line).max(20).default([]),
  /** Labelled figures shown side by side (e.g. `Mentions/hr: 4,210 (x38 baseline)`). */
  facts: z
    .array(z.object({ label: z.string().max(100), value: z.string().max(300) }))
    .max(10)
    .default([]),
  topTerms: z.array(z.string().max(100)).max(20).default([]),
  samplePosts: z
    .array(z.object({ author: z.string().max(200), text: z.string().max(1000), url: z.url().nullable() }))
    .max(5)
    .default([]),
  /** Link back to the app (the signal or crisis page). */
  url: z.url(),
  /** Which buttons to offer. */
  actions: z.array(AlertActionKind).default(['acknowledge', 'declare_crisis']),
});
export type AlertMessage = z.infer<typeof AlertMessage>;
export type AlertMessageInput = z.input<typeof AlertMessage>;

// ---------- notification channels ----------

export const notificationChannelKinds = ['slack', 'teams', 'email', 'webhook'] as const;
export const NotificationChannelKind = z.enum(notificationChannelKinds);
export type NotificationChannelKind = z.infer<typeof NotificationChannelKind>;

/** Quiet hours (local wall-clock, `HH:MM`, may wrap midnight) in an IANA time zone. */
export const QuietHours = z.object({
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
  timeZone: z.string().min(1).max(100).default('UTC'),
});
export type QuietHours = z.infer<typeof QuietHours>;

/** Non-secret settings per kind. Secrets (webhook URLs, tokens, passwords) go in `secrets`. */
export const SlackChannelSettings = z.object({
  /** With a bot token: the channel id for chat.postMessage; without one the incoming webhook decides. */
  channel: z.string().max(100).optional(),
  quietHours: QuietHours.optional(),
});
export const TeamsChannelSettings = z.object({ quietHours: QuietHours.optional() });
export const EmailChannelSettings = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  secure: z.boolean().default(false),
  username: z.string().max(255).optional(),
  from: z.string().min(3).max(255),
  to: z.array(z.email()).min(1).max(50),
  quietHours: QuietHours.optional(),
});
export const WebhookChannelSettings = z.object({ quietHours: QuietHours.optional() });

/** Secret names per kind: write-only, never returned (the API lists which are set). */
export const channelSecretNames = {
  slack: ['webhookUrl', 'botToken', 'signingSecret'],
  teams: ['webhookUrl'],
  email: ['password'],
  webhook: ['url', 'signingSecret'],
} as const satisfies Record<NotificationChannelKind, readonly string[]>;

const Secrets = z.record(z.string().min(1).max(100), z.string().max(10_000));

export const NotificationChannel = z.object({
  id: z.uuid(),
  kind: NotificationChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  /** Which secrets are set (names only). */
  secretKeys: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const CreateNotificationChannelInput = z.object({
  kind: NotificationChannelKind,
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
  secrets: Secrets.default({}),
});
export type CreateNotificationChannelInput = z.input<typeof CreateNotificationChannelInput>;

/** `secrets` merges: a name with a value replaces it, a name with `""` removes it, others stay. */
export const UpdateNotificationChannelInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean(),
    settings: z.record(z.string(), z.unknown()),
    secrets: Secrets,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateNotificationChannelInput = z.infer<typeof UpdateNotificationChannelInput>;

// ---------- alerts and attempts ----------

export const alertMedia = ['in_app', 'slack', 'teams', 'email', 'webhook'] as const;
export const AlertMedium = z.enum(alertMedia);
export type AlertMedium = z.infer<typeof AlertMedium>;

/**
 * pending: waiting for (another) attempt or for the end of quiet hours; delivered; failed (permanent error or
 * retries exhausted); digested: folded into a digest alert (its `digestId`).
 */
export const alertStatuses = ['pending', 'delivered', 'failed', 'digested'] as const;
export const AlertStatus = z.enum(alertStatuses);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const AlertAttempt = z.object({
  attempt: z.number().int(),
  at: z.iso.datetime(),
  outcome: z.enum(['delivered', 'retryable', 'permanent']),
  /** HTTP status, or the SMTP reply code. */
  status: z.number().int().nullable(),
  /** The platform's answer (SMTP response line, HTTP body excerpt); never a secret. */
  response: z.string().nullable(),
  error: z.string().nullable(),
});
export type AlertAttempt = z.infer<typeof AlertAttempt>;

export const Alert = z.object({
  id: z.uuid(),
  channelId: z.uuid().nullable(),
  medium: AlertMedium,
  recipientMemberId: z.uuid().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  subjectVersion: z.number().int(),
  message: AlertMessage,
  status: AlertStatus,
  dedupeKey: z.string(),
  notBefore: z.iso.datetime().nullable(),
  digestId: z.uuid().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.string().nullable(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  attempts: z.array(AlertAttempt),
});
export type Alert = z.infer<typeof Alert>;

export const ListAlertsQuery = z.object({
  status: AlertStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** An in-app notification: an alert on the `in_app` medium to the signed-in member. */
export const Notification = z.object({
  id: z.uuid(),
  subjectType: z.string(),
  subjectId: z.string(),
  message: AlertMessage,
  readAt: z.iso.datetime().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Notification = z.infer<typeof Notification>;

export const ListNotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** What a test send reports back to the person configuring a channel. */
export const ChannelTestResult = z.object({
  ok: z.boolean(),
  outcome: z.enum(['delivered', 'retryable', 'permanent']),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;
