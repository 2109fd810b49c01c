// Alerting: notification channels (secrets sealed, never returned), sending alerts through flood control, durable
// delivery with retries and a record of every attempt, in-app notifications, and actions taken on alerts
// (acknowledge, declare crisis) from Slack buttons or the app.
import { randomUUID } from 'node:crypto';
import type {
  Alert,
  AlertActionKind,
  AlertAttempt,
  AlertMedium,
  AlertMessageInput,
  AlertStatus,
  ChannelTestResult,
  CreateNotificationChannelInput,
  Notification,
  NotificationChannel,
  NotificationChannelKind,
  QuietHours,
  UpdateNotificationChannelInput,
} from '../../../contracts';
import {
  AlertMessage,
  channelSecretNames,
  CreateNotificationChannelInput as CreateChannelSchema,
  EmailChannelSettings,
  SlackChannelSettings,
  TeamsChannelSettings,
  WebhookChannelSettings,
} from '../../../contracts';
import { sendEmail } from '../connectors/email/email.client';
import { decodeSecret } from '../connectors/inbound-webhook/inbound-webhook.client';
import {
  newWebhookMessageId,
  sendOutboundWebhook,
} from '../connectors/outbound-webhook/outbound-webhook.client';
import {
  fetchSlackUser,
  parseSlackInteraction,
  type SlackBlockAction,
  sendSlackChatMessage,
  sendSlackWebhook,
  verifySlackRequest,
} from '../connectors/slack/slack.client';
import { sendTeamsWorkflow } from '../connectors/teams/teams.client';
import { type Actor, systemActor } from '../domain/actor';
import type { IdentityRepository } from '../repositories/identity.repository';
import {
  type DeliveryResult,
  defaultRetrySchedule,
  delivered,
  failed,
  nextAttemptDelay,
  type RetrySchedule,
} from '../domain/alerting/delivery';
import {
  decideFlood,
  dedupeKeyOf,
  defaultFloodPolicy,
  type FloodPolicy,
} from '../domain/alerting/flood-control';
import {
  actionOfSlackId,
  digestMessage,
  renderEmail,
  renderSlack,
  renderTeams,
  renderWebhook,
} from '../domain/alerting/render';
import { AppError, InvalidError, NotFoundError } from '../errors';
import type {
  AlertAttemptRow,
  AlertRepository,
  AlertRow,
  AlertTransact,
} from '../repositories/alert.repository';
import type { Clock } from '../repositories/clock.repository';
import type { JobRepository, RetryPolicy } from '../repositories/job.repository';
import type {
  NotificationChannelRepository,
  NotificationChannelRow,
} from '../repositories/notification-channel.repository';
import type { SecretBox } from '../repositories/secret-box.repository';
import { authorize } from './authorize';

/** Durable jobs of alerting (handlers in jobs/alert.jobs.ts). */
export const alertJobNames = { deliver: 'alert.deliver', flushDigest: 'alert.flush-digest' } as const;
/** The queue's own retries cover crashes and database hiccups; delivery retries are scheduled by the service. */
export const alertJobRetry: RetryPolicy = { retryLimit: 3, retryDelaySeconds: 5, backoff: true };

export type AlertTarget =
  | { kind: 'channel'; channelId: string }
  | { kind: 'member'; memberId: string; quietHours?: QuietHours | null };

export interface SendAlertInput {
  /** What the alert is about (`signal`, or anything with an id and a version; tests use their own types). */
  subjectType: string;
  subjectId: string;
  /** Bumped on each update of the subject that deserves a new message (e.g. a severity escalation). */
  subjectVersion: number;
  message: AlertMessageInput;
  targets: AlertTarget[];
}

export interface SendOutcome {
  target: AlertTarget;
  decision: 'send' | 'duplicate' | 'digest' | 'defer' | 'skipped';
  alertId: string | null;
}

/**
 * What happens when someone acts on an alert. The signal work registers one for `subjectType: 'signal'`
 * (acknowledge the signal, declare a crisis from it); until then the action is recorded on the alert only.
 */
export type AlertActionHandler = (
  actor: Actor,
  alert: { id: string; subjectType: string; subjectId: string },
  action: AlertActionKind,
) => Promise<void>;

export class InvalidSlackSignatureError extends AppError {
  constructor() {
    super('invalid_token', 'X-Slack-Signature is missing, stale or does not match the body.', 401);
  }
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function presentChannel(row: NotificationChannelRow): NotificationChannel {
  return {
    id: row.id,
    kind: row.kind as NotificationChannelKind,
    name: row.name,
    enabled: row.enabled,
    settings: row.settings,
    secretKeys: row.secretKeys,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentAttempt(row: AlertAttemptRow): AlertAttempt {
  return {
    attempt: row.attempt,
    at: row.at.toISOString(),
    outcome: row.outcome as AlertAttempt['outcome'],
    status: row.status,
    response: row.response,
    error: row.error,
  };
}

export function presentAlert(row: AlertRow, attempts: AlertAttemptRow[] = []): Alert {
  return {
    id: row.id,
    channelId: row.channelId,
    medium: row.medium as AlertMedium,
    recipientMemberId: row.recipientMemberId,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    subjectVersion: row.subjectVersion,
    message: row.message,
    status: row.status as AlertStatus,
    dedupeKey: row.dedupeKey,
    notBefore: iso(row.notBefore),
    digestId: row.digestId,
    deliveredAt: iso(row.deliveredAt),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
    readAt: iso(row.readAt),
    createdAt: row.createdAt.toISOString(),
    attempts: attempts.map(presentAttempt),
  };
}

function presentNotification(row: AlertRow): Notification {
  return {
    id: row.id,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    message: row.message,
    readAt: iso(row.readAt),
    acknowledgedAt: iso(row.acknowledgedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

const settingsSchemas = {
  slack: SlackChannelSettings,
  teams: TeamsChannelSettings,
  email: EmailChannelSettings,
  webhook: WebhookChannelSettings,
} as const;

type Secrets = Record<string, string>;

export interface AlertServiceOptions {
  retry?: RetrySchedule;
  flood?: FloodPolicy;
  /** Slack Web API base (tests point it at the fake Slack); a channel setting cannot change it. */
  slackApiBaseUrl?: string;
  /** Per-attempt timeout of a delivery. */
  deliveryTimeoutMs?: number;
}

export class AlertService {
  private readonly retry: RetrySchedule;
  private readonly flood: FloodPolicy;
  private readonly handlers = new Map<string, AlertActionHandler>();
  /** Slack user lookups (`users.info`) by workspace and Slack user, for 10 minutes. */
  private readonly slackUsers = new Map<
    string,
    { user: { name: string | null; email: string | null } | null; until: number }
  >();
  private queuesReady: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      alerts: AlertRepository;
      channels: NotificationChannelRepository;
      transact: AlertTransact;
      secrets: SecretBox;
      clock: Clock;
      jobs: JobRepository;
      publicUrl: string;
      /** Finds the member a Slack user's email belongs to (Slack buttons act as that member). */
      members?: Pick<IdentityRepository, 'findMemberByEmail'>;
    },
    private readonly options: AlertServiceOptions = {},
  ) {
    this.retry = options.retry ?? defaultRetrySchedule;
    this.flood = options.flood ?? defaultFloodPolicy;
  }

  /** Extension point: what acknowledging or declaring a crisis does to the alert's subject (e.g. a signal). */
  onAction(subjectType: string, handler: AlertActionHandler): void {
    this.handlers.set(subjectType, handler);
  }

  // ---------- notification channels ----------

  async listChannels(actor: Actor): Promise<NotificationChannel[]> {
    authorize(actor, 'notification_channel.read');
    return (await this.deps.channels.list(actor.workspaceId)).map(presentChannel);
  }

  async getChannel(actor: Actor, id: string): Promise<NotificationChannel> {
    authorize(actor, 'notification_channel.read');
    const row = await this.deps.channels.find(actor.workspaceId, id);
    if (!row) throw new NotFoundError('Notification channel');
    return presentChannel(row);
  }

  async createChannel(actor: Actor, raw: CreateNotificationChannelInput): Promise<NotificationChannel> {
    authorize(actor, 'notification_channel.manage');
    const input = CreateChannelSchema.parse(raw);
    const settings = checkSettings(input.kind, input.settings);
    const secrets = checkSecrets(input.kind, dropEmpty(input.secrets), settings);
    const sealed = this.seal(secrets);
    return this.deps.transact(async (uow) => {
      const row = await uow.channels.insert({
        workspaceId: actor.workspaceId,
        kind: input.kind,
        name: input.name,
        enabled: input.enabled,
        settings,
        ...sealed,
      });
      const channel = presentChannel(row);
      await uow.audit.append(actor, {
        action: 'notification_channel.created',
        targetType: 'notification_channel',
        targetId: row.id,
        summary: { name: row.name, kind: row.kind, secretKeys: row.secretKeys },
      });
      await uow.events.append(actor.workspaceId, 'notification_channel.updated', channel);
      return channel;
    });
  }

  async updateChannel(
    actor: Actor,
    id: string,
    patch: UpdateNotificationChannelInput,
  ): Promise<NotificationChannel> {
    authorize(actor, 'notification_channel.manage');
    const before = await this.deps.channels.find(actor.workspaceId, id);
    if (!before) throw new NotFoundError('Notification channel');
    const kind = before.kind as NotificationChannelKind;
    const settings = checkSettings(kind, patch.settings ?? before.settings);
    let sealed: ReturnType<AlertService['seal']> | undefined;
    if (patch.secrets !== undefined || patch.settings !== undefined) {
      const merged = { ...this.secretsOf(before) };
      for (const [name, value] of Object.entries(patch.secrets ?? {})) {
        if (value === '') delete merged[name];
        else merged[name] = value;
      }
      checkSecrets(kind, merged, settings);
      if (patch.secrets !== undefined) sealed = this.seal(merged);
    }
    return this.deps.transact(async (uow) => {
      const row = await uow.channels.update(actor.workspaceId, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.settings !== undefined ? { settings } : {}),
        ...(sealed ?? {}),
      });
      if (!row) throw new NotFoundError('Notification channel');
      const channel = presentChannel(row);
      await uow.audit.append(actor, {
        action: 'notification_channel.updated',
        targetType: 'notification_channel',
        targetId: id,
        // Names of the changed fields and of the secrets now set; never a secret value.
        summary: { name: row.name, changed: Object.keys(patch), secretKeys: row.secretKeys },
      });
      await uow.events.append(actor.workspaceId, 'notification_channel.updated', channel);
      return channel;
    });
  }

  async deleteChannel(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'notification_channel.manage');
    await this.deps.transact(async (uow) => {
      const row = await uow.channels.delete(actor.workspaceId, id);
      if (!row) throw new NotFoundError('Notification channel');
      await uow.audit.append(actor, {
        action: 'notification_channel.deleted',
        targetType: 'notification_channel',
        targetId: id,
        summary: { name: row.name, kind: row.kind },
      });
      await uow.events.append(actor.workspaceId, 'notification_channel.deleted', { id });
    });
  }

  /** Sends a test message through the channel now (no alert row) and says what the other side answered. */
  async testChannel(actor: Actor, id: string): Promise<ChannelTestResult> {
    authorize(actor, 'notification_channel.manage');
    const row = await this.deps.channels.find(actor.workspaceId, id);
    if (!row) throw new NotFoundError('Notification channel');
    const message = AlertMessage.parse({
      title: 'Test message',
      severity: 'low',
      summary: `This is a test of the notification channel “${row.name}” from Firebreak.`,
      url: `${this.deps.publicUrl}/settings/notifications`,
      actions: [],
    });
    const result = await this.sendThrough(row, message, `test-${randomUUID()}`, newWebhookMessageId(), true);
    await this.deps.transact(async (uow) => {
      await uow.audit.append(actor, {
        action: 'notification_channel.tested',
        targetType: 'notification_channel',
        targetId: id,
        summary: { name: row.name, outcome: result.outcome, status: result.status },
      });
    });
    return {
      ok: result.outcome === 'delivered',
      outcome: result.outcome,
      status: result.status,
      error: result.error,
    };
  }

  // ---------- sending ----------

  /**
   * Creates one alert per target, through flood control (one per subject update, digests, quiet hours), and
   * schedules their delivery. In-app alerts are delivered at once (a live event). Called by routing with the
   * system actor.
   */
  async send(actor: Actor, input: SendAlertInput): Promise<SendOutcome[]> {
    authorize(actor, 'alert.send');
    const message = AlertMessage.parse(input.message);
    const dedupeKey = dedupeKeyOf(input.subjectType, input.subjectId, input.subjectVersion);
    const subjectKey = `${input.subjectType}:${input.subjectId}`;
    const outcomes: SendOutcome[] = [];
    const after: { deliver: { id: string; at: Date }[]; digests: { targetKey: string; at: Date }[] } = {
      deliver: [],
      digests: [],
    };
    for (const target of input.targets) {
      const now = this.deps.clock.now();
      let medium: AlertMedium = 'in_app';
      let targetKey: string;
      let quietHours: QuietHours | null = null;
      let channelId: string | null = null;
      if (target.kind === 'channel') {
        const channel = await this.deps.channels.find(actor.workspaceId, target.channelId);
        if (!channel || !channel.enabled) {
          outcomes.push({ target, decision: 'skipped', alertId: null });
          continue;
        }
        medium = channel.kind as AlertMedium;
        targetKey = `channel:${channel.id}`;
        channelId = channel.id;
        quietHours = (channel.settings.quietHours as QuietHours | undefined) ?? null;
      } else {
        targetKey = `member:${target.memberId}`;
        quietHours = target.quietHours ?? null;
      }
      const outcome = await this.deps.transact(async (uow) => {
        const since = new Date(now.getTime() - this.flood.digestWindowMs);
        const history = (
          await uow.alerts.recentForTarget(actor.workspaceId, targetKey, since, dedupeKey)
        ).map((h) => ({
          subjectKey: `${h.subjectType}:${h.subjectId}`,
          dedupeKey: h.dedupeKey,
          createdAt: h.createdAt,
          heldUntil: h.heldForDigest ? h.notBefore : null,
        }));
        const decision = decideFlood({ subjectKey, dedupeKey, severity: message.severity }, history, now, {
          policy: this.flood,
          quietHours,
        });
        if (decision.kind === 'duplicate') return { target, decision: decision.kind, alertId: null };
        const notBefore =
          decision.kind === 'defer' ? decision.until : decision.kind === 'digest' ? decision.flushAt : now;
        const row = await uow.alerts.insertUnlessDuplicate({
          workspaceId: actor.workspaceId,
          channelId,
          medium,
          recipientMemberId: target.kind === 'member' ? target.memberId : null,
          targetKey,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          subjectVersion: input.subjectVersion,
          severity: message.severity,
          message,
          status: 'pending',
          dedupeKey,
          notBefore,
          heldForDigest: decision.kind === 'digest',
          deliveryId: newWebhookMessageId(),
          createdAt: now,
        });
        if (!row) return { target, decision: 'duplicate' as const, alertId: null };
        if (decision.kind === 'send' && medium === 'in_app') {
          await this.deliverInApp(uow, row, now);
        } else if (decision.kind === 'digest') {
          after.digests.push({ targetKey, at: decision.flushAt });
        } else {
          after.deliver.push({ id: row.id, at: notBefore });
        }
        return { target, decision: decision.kind, alertId: row.id };
      });
      outcomes.push(outcome);
    }
    await this.deps.transact(async (uow) => {
      await uow.audit.append(actor, {
        action: 'alert.sent',
        targetType: input.subjectType,
        targetId: input.subjectId,
        summary: {
          subjectVersion: input.subjectVersion,
          title: message.title,
          severity: message.severity,
          decisions: outcomes.map((o) => ({ decision: o.decision, alertId: o.alertId })),
        },
      });
    });
    await this.scheduleAfterCommit(actor.workspaceId, after);
    return outcomes;
  }

  /** The delivery job: one attempt, recorded; a retryable failure schedules the next attempt with backoff. */
  async deliver(workspaceId: string, alertId: string): Promise<void> {
    const alert = await this.deps.alerts.find(workspaceId, alertId);
    if (!alert || alert.status !== 'pending' || alert.heldForDigest) return;
    const now = this.deps.clock.now();
    if (alert.medium === 'in_app') {
      await this.deps.transact((uow) => this.deliverInApp(uow, alert, now));
      return;
    }
    const channel = alert.channelId ? await this.deps.channels.find(workspaceId, alert.channelId) : undefined;
    const attemptNo = alert.attemptCount + 1;
    let result: DeliveryResult;
    if (!channel) result = failed('permanent', 'The notification channel was removed.');
    else if (!channel.enabled) result = failed('permanent', 'The notification channel is disabled.');
    else {
      result = await this.sendThrough(channel, alert.message, alert.id, alert.deliveryId ?? alert.id, false);
    }
    const delay = nextAttemptDelay(attemptNo, result, this.retry);
    const at = this.deps.clock.now();
    const status = result.outcome === 'delivered' ? 'delivered' : delay !== null ? 'pending' : 'failed';
    const nextAt = delay !== null ? new Date(at.getTime() + delay) : null;
    await this.deps.transact(async (uow) => {
      const row = await uow.alerts.recordAttempt(
        alert,
        {
          attempt: attemptNo,
          at,
          outcome: result.outcome,
          status: result.status,
          response: result.response,
          error: result.error,
        },
        { status, notBefore: nextAt },
      );
      const attempts = await uow.alerts.attemptsOf([row.id]);
      await uow.events.append(workspaceId, 'alert.updated', presentAlert(row, attempts.get(row.id)));
    });
    if (nextAt) {
      await this.ensureQueues();
      await this.deps.jobs.enqueue(
        alertJobNames.deliver,
        { workspaceId, alertId },
        { runAt: nextAt, singletonKey: `${alertId}:${attemptNo + 1}` },
      );
    }
  }

  /** The digest job: folds a target's held alerts into one digest alert and delivers that. */
  async flushDigest(workspaceId: string, targetKey: string): Promise<string | null> {
    const now = this.deps.clock.now();
    const held = await this.deps.alerts.heldForDigest(workspaceId, targetKey, new Date(now.getTime() + 1000));
    if (held.length === 0) return null;
    const first = held[0]!;
    const digestId = randomUUID();
    await this.deps.transact(async (uow) => {
      const row = await uow.alerts.insertUnlessDuplicate({
        id: digestId,
        workspaceId,
        channelId: first.channelId,
        medium: first.medium,
        recipientMemberId: first.recipientMemberId,
        targetKey,
        subjectType: 'digest',
        subjectId: digestId,
        subjectVersion: 1,
        severity: 'low',
        message: digestMessage(
          held.map((h) => h.message),
          `${this.deps.publicUrl}/signals`,
        ),
        status: 'pending',
        dedupeKey: `digest:${digestId}`,
        notBefore: now,
        deliveryId: newWebhookMessageId(),
        createdAt: now,
      });
      await uow.alerts.markDigested(
        workspaceId,
        held.map((h) => h.id),
        row!.id,
      );
    });
    await this.deliver(workspaceId, digestId);
    return digestId;
  }

  // ---------- reading and acting ----------

  async listAlerts(
    actor: Actor,
    filter: { status?: AlertStatus | undefined; limit: number },
  ): Promise<Alert[]> {
    authorize(actor, 'alert.read');
    const rows = await this.deps.alerts.list(actor.workspaceId, filter);
    const attempts = await this.deps.alerts.attemptsOf(rows.map((r) => r.id));
    return rows.map((r) => presentAlert(r, attempts.get(r.id)));
  }

  async getAlert(actor: Actor, id: string): Promise<Alert> {
    authorize(actor, 'alert.read');
    const row = await this.deps.alerts.find(actor.workspaceId, id);
    if (!row) throw new NotFoundError('Alert');
    return presentAlert(row, (await this.deps.alerts.attemptsOf([id])).get(id));
  }

  async listNotifications(actor: Actor, filter: { unread: boolean; limit: number }): Promise<Notification[]> {
    authorize(actor, 'notification.read');
    if (actor.kind !== 'member' || !actor.id) return [];
    return (await this.deps.alerts.listForMember(actor.workspaceId, actor.id, filter)).map(
      presentNotification,
    );
  }

  async markNotificationRead(actor: Actor, id: string): Promise<Notification> {
    authorize(actor, 'notification.read');
    if (actor.kind !== 'member' || !actor.id) throw new NotFoundError('Notification');
    const memberId = actor.id;
    return this.deps.transact(async (uow) => {
      const row = await uow.alerts.markRead(actor.workspaceId, memberId, id, this.deps.clock.now());
      if (!row) throw new NotFoundError('Notification');
      await uow.audit.append(actor, {
        action: 'notification.read',
        targetType: 'alert',
        targetId: id,
        summary: { title: row.message.title },
      });
      return presentNotification(row);
    });
  }

  /**
   * Records an action on an alert (acknowledge, declare crisis), audits it, tells live pages, then hands it to
   * the handler registered for the alert's subject type (the extension point for signals).
   */
  async handleAction(actor: Actor, alertId: string, action: AlertActionKind, by?: string): Promise<Alert> {
    authorize(actor, 'alert.respond');
    const who = by ?? (actor.kind === 'member' && actor.id ? `member:${actor.id}` : actor.label);
    const alert = await this.deps.transact(async (uow) => {
      const row = await uow.alerts.recordAction(actor.workspaceId, alertId, {
        action,
        by: who,
        at: this.deps.clock.now(),
      });
      if (!row) throw new NotFoundError('Alert');
      const presented = presentAlert(row, (await uow.alerts.attemptsOf([row.id])).get(row.id));
      await uow.audit.append(actor, {
        action: action === 'acknowledge' ? 'alert.acknowledged' : 'alert.crisis_requested',
        targetType: 'alert',
        targetId: alertId,
        summary: {
          by: who,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          title: row.message.title,
        },
      });
      await uow.events.append(actor.workspaceId, 'alert.updated', presented);
      return presented;
    });
    const handler = this.handlers.get(alert.subjectType);
    if (handler) {
      await handler(
        actor,
        { id: alert.id, subjectType: alert.subjectType, subjectId: alert.subjectId },
        action,
      );
    }
    return alert;
  }

  /**
   * A Slack interactive request (`payload=` form body). Verified with the signing secret of the Slack channel
   * that carried the alert its button names; anything unverifiable is refused the same way (401).
   */
  async handleSlackInteraction(
    rawBody: Buffer,
    headers: { timestamp: string | undefined; signature: string | undefined },
  ): Promise<{ handled: number; refused: number }> {
    const actions = parseSlackInteraction(rawBody);
    if (!actions || actions.length === 0) throw new InvalidSlackSignatureError();
    let handled = 0;
    let refused = 0;
    for (const a of actions) {
      const kind = actionOfSlackId(a.actionId);
      if (!kind) continue; // e.g. the "Open in Firebreak" link button
      const alert =
        a.value && /^[0-9a-f-]{36}$/i.test(a.value)
          ? await this.deps.alerts.findAnyWorkspace(a.value)
          : undefined;
      const channel =
        alert?.channelId && alert.medium === 'slack'
          ? await this.deps.channels.find(alert.workspaceId, alert.channelId)
          : undefined;
      const secrets = channel ? this.secretsOf(channel) : undefined;
      const secret = secrets?.signingSecret;
      if (!alert || !secret) throw new InvalidSlackSignatureError();
      if (!verifySlackRequest(secret, headers, rawBody, this.deps.clock.now()).ok) {
        throw new InvalidSlackSignatureError();
      }
      // Slack says who clicked, not whether they may: the Slack user is mapped to a member by email.
      const { actor, by } = await this.slackActor(alert.workspaceId, a, secrets?.botToken);
      if (actor.kind !== 'member' && kind === 'declare_crisis') {
        // Declaring a crisis needs a member who may: an unmapped Slack user's click is recorded, not acted on.
        await this.recordRefusedSlackAction(actor, alert.id, kind, by);
        refused++;
        continue;
      }
      await this.handleAction(actor, alert.id, kind, by);
      handled++;
    }
    return { handled, refused };
  }

  /**
   * The actor behind a Slack click: the workspace member whose email Slack's `users.info` gives for the user
   * (with the channel's bot token), acting with their own role; otherwise "Slack user <name>", a system actor that
   * may acknowledge but not declare a crisis. Lookups are cached for 10 minutes.
   */
  private async slackActor(
    workspaceId: string,
    a: SlackBlockAction,
    botToken: string | undefined,
  ): Promise<{ actor: Actor; by: string }> {
    const ref = `slack:${a.teamId ?? '?'}/${a.userId}`;
    let user: { name: string | null; email: string | null } | null = null;
    if (botToken && this.deps.members) {
      const key = `${workspaceId}|${ref}`;
      const now = this.deps.clock.now().getTime();
      const cached = this.slackUsers.get(key);
      if (cached && cached.until > now) user = cached.user;
      else {
        const found = await fetchSlackUser(
          {
            botToken,
            userId: a.userId,
            ...(this.options.slackApiBaseUrl ? { apiBaseUrl: this.options.slackApiBaseUrl } : {}),
          },
          this.options.deliveryTimeoutMs,
        );
        user =
          found.ok && !found.user.deleted && !found.user.isBot
            ? { name: found.user.realName ?? found.user.name, email: found.user.email }
            : null;
        // A failed lookup is not cached: the next click tries again.
        if (found.ok) this.slackUsers.set(key, { user, until: now + 10 * 60_000 });
      }
      const member = user?.email
        ? await this.deps.members.findMemberByEmail(workspaceId, user.email)
        : undefined;
      if (member && member.status === 'active') {
        return {
          actor: {
            kind: 'member',
            id: member.id,
            label: `${member.email} (via ${ref})`,
            workspaceId,
            role: member.role,
            department: member.department,
            requestId: null,
            ip: null,
          },
          by: `member:${member.id}`,
        };
      }
    }
    const name = user?.name ?? a.userName ?? a.userId;
    const label = `Slack user ${name} (${ref})`;
    return { actor: systemActor(workspaceId, label), by: label };
  }

  /** An unmapped Slack user's declare-crisis click: audited as refused; the alert and its subject are unchanged. */
  private async recordRefusedSlackAction(
    actor: Actor,
    alertId: string,
    action: AlertActionKind,
    by: string,
  ): Promise<void> {
    await this.deps.transact(async (uow) => {
      await uow.audit.append(actor, {
        action: 'alert.action_refused',
        targetType: 'alert',
        targetId: alertId,
        summary: { by, action, reason: 'slack_user_not_a_member' },
      });
    });
  }

  // ---------- internals ----------

  private async deliverInApp(
    uow: Parameters<Parameters<AlertTransact>[0]>[0],
    row: AlertRow,
    at: Date,
  ): Promise<void> {
    const updated = await uow.alerts.recordAttempt(
      row,
      {
        attempt: row.attemptCount + 1,
        at,
        outcome: 'delivered',
        status: null,
        response: 'live event',
        error: null,
      },
      { status: 'delivered', notBefore: null },
    );
    await uow.events.append(row.workspaceId, 'notification.created', {
      memberId: row.recipientMemberId!,
      notification: presentNotification(updated),
    });
  }

  /** Renders for the channel's kind and sends once. Never throws for a delivery problem: it returns it. */
  private async sendThrough(
    channel: NotificationChannelRow,
    message: AlertMessage,
    alertId: string,
    deliveryId: string,
    test: boolean,
  ): Promise<DeliveryResult> {
    let secrets: Secrets;
    try {
      secrets = this.secretsOf(channel);
    } catch {
      return failed(
        'permanent',
        'The channel’s secrets cannot be decrypted (was FIREBREAK_SECRET_KEY changed?).',
      );
    }
    const timeoutMs = this.options.deliveryTimeoutMs;
    try {
      switch (channel.kind as NotificationChannelKind) {
        case 'slack': {
          const settings = SlackChannelSettings.parse(channel.settings);
          const rendered = renderSlack(message, alertId);
          if (secrets.botToken && settings.channel) {
            return await sendSlackChatMessage(
              {
                botToken: secrets.botToken,
                channel: settings.channel,
                ...(this.options.slackApiBaseUrl ? { apiBaseUrl: this.options.slackApiBaseUrl } : {}),
              },
              rendered,
              timeoutMs,
            );
          }
          if (!secrets.webhookUrl) return failed('permanent', 'No Slack webhook URL or bot token is set.');
          return await sendSlackWebhook(secrets.webhookUrl, rendered, timeoutMs);
        }
        case 'teams':
          if (!secrets.webhookUrl) return failed('permanent', 'No Teams Workflows webhook URL is set.');
          return await sendTeamsWorkflow(secrets.webhookUrl, renderTeams(message, alertId), timeoutMs);
        case 'email': {
          const settings = EmailChannelSettings.parse(channel.settings);
          return await sendEmail(
            {
              host: settings.host,
              port: settings.port,
              secure: settings.secure,
              ...(settings.username ? { username: settings.username, password: secrets.password ?? '' } : {}),
              from: settings.from,
              to: settings.to,
              ...(timeoutMs ? { timeoutMs } : {}),
            },
            renderEmail(message, alertId),
            { 'X-Firebreak-Alert': alertId },
          );
        }
        case 'webhook': {
          if (!secrets.url || !secrets.signingSecret) {
            return failed('permanent', 'No webhook URL or signing secret is set.');
          }
          const body = JSON.stringify(renderWebhook(message, alertId, this.deps.clock.now(), test));
          return await sendOutboundWebhook(
            { url: secrets.url, signingSecret: secrets.signingSecret },
            deliveryId,
            body,
            this.deps.clock.now(),
            timeoutMs,
          );
        }
      }
    } catch (error) {
      return failed(
        'retryable',
        `Unexpected delivery error: ${(error as Error).message ?? 'unknown'}`.slice(0, 300),
      );
    }
    return delivered(null, null);
  }

  private secretsOf(row: NotificationChannelRow): Secrets {
    if (!row.secretsCiphertext) return {};
    return JSON.parse(this.deps.secrets.open(row.secretsCiphertext)) as Secrets;
  }

  private seal(secrets: Secrets): { secretsCiphertext: string | null; secretKeys: string[] } {
    if (Object.keys(secrets).length === 0) return { secretsCiphertext: null, secretKeys: [] };
    return {
      secretsCiphertext: this.deps.secrets.seal(JSON.stringify(secrets)),
      secretKeys: Object.keys(secrets).sort(),
    };
  }

  private async scheduleAfterCommit(
    workspaceId: string,
    after: { deliver: { id: string; at: Date }[]; digests: { targetKey: string; at: Date }[] },
  ): Promise<void> {
    if (after.deliver.length === 0 && after.digests.length === 0) return;
    await this.ensureQueues();
    for (const d of after.deliver) {
      await this.deps.jobs.enqueue(
        alertJobNames.deliver,
        { workspaceId, alertId: d.id },
        { runAt: d.at, singletonKey: `${d.id}:1` },
      );
    }
    for (const d of after.digests) {
      await this.deps.jobs.enqueue(
        alertJobNames.flushDigest,
        { workspaceId, targetKey: d.targetKey },
        { runAt: d.at, singletonKey: `${d.targetKey}:${d.at.toISOString()}` },
      );
    }
  }

  private ensureQueues(): Promise<void> {
    this.queuesReady ??= (async () => {
      await this.deps.jobs.start();
      for (const name of Object.values(alertJobNames)) await this.deps.jobs.define(name, alertJobRetry);
    })().catch((error: unknown) => {
      this.queuesReady = null;
      throw error;
    });
    return this.queuesReady;
  }
}

function dropEmpty(secrets: Secrets): Secrets {
  return Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
}

function checkSettings(
  kind: NotificationChannelKind,
  settings: Record<string, unknown>,
): Record<string, unknown> {
  const parsed = settingsSchemas[kind].safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidError(`settings.${issue.path.join('.')}: ${issue.message}`);
  }
  if (parsed.data.quietHours) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: parsed.data.quietHours.timeZone });
    } catch {
      throw new InvalidError('settings.quietHours.timeZone: not an IANA time zone');
    }
  }
  return parsed.data;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Only the kind's secret names; URLs must be http(s); a webhook secret must be whsec_; required ones present. */
function checkSecrets(
  kind: NotificationChannelKind,
  secrets: Secrets,
  settings: Record<string, unknown>,
): Secrets {
  const allowed = channelSecretNames[kind] as readonly string[];
  for (const name of Object.keys(secrets)) {
    if (!allowed.includes(name)) {
      throw new InvalidError(
        `secrets.${name}: not a secret of a ${kind} channel (expected ${allowed.join(', ')})`,
      );
    }
  }
  for (const name of ['webhookUrl', 'url'] as const) {
    if (secrets[name] !== undefined && !isHttpUrl(secrets[name])) {
      throw new InvalidError(`secrets.${name}: not an http(s) URL`);
    }
  }
  if (kind === 'slack' && !secrets.webhookUrl && !(secrets.botToken && settings.channel)) {
    throw new InvalidError(
      'secrets.webhookUrl: a Slack channel needs an incoming webhook URL, or a bot token and settings.channel',
    );
  }
  if (kind === 'teams' && !secrets.webhookUrl) {
    throw new InvalidError('secrets.webhookUrl: the Workflows webhook URL is required');
  }
  if (kind === 'webhook') {
    if (!secrets.url) throw new InvalidError('secrets.url: the receiver’s URL is required');
    if (!secrets.signingSecret || !decodeSecret(secrets.signingSecret)) {
      throw new InvalidError('secrets.signingSecret: whsec_<base64> of at least 24 bytes is required');
    }
  }
  return secrets;
}
