// Signals: detections become or update signals (merged per brand within a window), which are routed to the
// on-call members of the departments that routing rules name and to the rules' channels (through AlertService's
// flood control), escalated by durable jobs while nobody acknowledges, and answered by people (acknowledge,
// snooze, dismiss, feedback, declare a crisis), from the app or from Slack's buttons.
import type { z } from 'zod';
import {
  type AlertMessageInput,
  type Crisis,
  DeclareCrisisFromSignalInput,
  type DeclareCrisisFromSignalResult,
  type Department,
  type EscalationLevel,
  escalationLevelLabels,
  type ListSignalsQuery,
  type Platform,
  type Signal,
  type SignalCluster,
  type SignalDetail,
  type SignalDetection,
  type SignalExplanation,
  type SignalFeedback,
  SignalFeedbackInput,
  type SignalFeedbackReport,
  type SignalFeedbackReportQuery,
  type SignalKind,
  type SignalMetric,
  type SignalMetricReading,
  type SignalPost,
  type SignalSeries,
  type SignalSeriesPoint,
  type SignalSeverity,
  signalSeverityToCrisis,
  type SignalStatus,
  type SignalTerm,
  signalKinds,
  signalSeverities,
  type SnoozeSignalInput,
} from '../../../contracts';
import { type Actor, systemActor } from '../domain/actor';
import type { NarrativeBaseline, NarrativePost } from '../domain/signals/narratives';
import { scanNarratives } from '../domain/signals/narratives';
import {
  affectedPlatforms,
  emptySeries,
  formatFigure,
  mergeReadings,
  mergeSeriesPoints,
  type PlatformWindow,
  platformImpacts,
  platformName,
  type PostCandidate,
  ratioOf,
  readingSentence,
  selectTopPosts,
  severityLabel,
  signalTitle,
} from '../domain/signals/explanation';
import {
  type Detection,
  defaultMergePolicy,
  maxSeverity,
  type MergePolicy,
  mergeDuplicates,
  planDetection,
  severityOrder,
  severityRank,
  type SignalView,
} from '../domain/signals/merge';
import {
  escalationRecipients,
  firstResponders,
  matchingRules,
  nextEscalationDue,
  type RoutePlan,
  routePlan,
  type RuleView,
} from '../domain/signals/routing';
import { canApply, isActive } from '../domain/signals/status';
import { ConflictError, NotFoundError } from '../errors';
import type { Clock } from '../repositories/clock.repository';
import type { DetectionRepository, MentionRow } from '../repositories/detection.repository';
import type { IdentityRepository } from '../repositories/identity.repository';
import type { JobRepository, RetryPolicy } from '../repositories/job.repository';
import type { OnCallRepository } from '../repositories/on-call.repository';
import type { RollupRepository } from '../repositories/rollup.repository';
import type {
  DetectionRow,
  FeedbackRow,
  RoutingRuleRow,
  SignalRepository,
  SignalRow,
  SignalTransact,
} from '../repositories/signal.repository';
import type { BrandRepository } from '../repositories/brand.repository';
import type { AlertService, AlertTarget } from './alert.service';
import { authorize } from './authorize';
import type { CrisisService } from './crisis.service';
import { type OnCallService, schedulesOf } from './on-call.service';

/** Durable jobs of signals (handlers in jobs/signal.jobs.ts). */
export const signalJobNames = { escalate: 'signal.escalate', detect: 'signal.detect' } as const;
export const signalJobRetry: RetryPolicy = { retryLimit: 5, retryDelaySeconds: 10, backoff: true };

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** One detection handed over by the detection job, with what explains it. */
export interface DetectionInput {
  detection: Detection;
  /** A series detector's reading (spikes). */
  reading?: SignalMetricReading;
  /** The detector's recent trace of that series and metric (the chart). */
  series?: SignalSeries;
  /** Narrative detections: the surging terms and clusters. */
  terms?: SignalTerm[];
  clusters?: SignalCluster[];
  /** High-reach detections: the post and why. */
  flaggedPosts?: ReadonlyMap<string, SignalPost['reason']>;
}

export interface BrandDetections {
  brandId: string;
  brandName: string;
  detections: DetectionInput[];
  /** Mentions per platform over the recent window, with the baseline's expectation (explanation). */
  platformWindows: PlatformWindow[];
  /** The brand's narrative baseline, to find what people are saying in the recent mentions. */
  narrativeBaseline: NarrativeBaseline | null;
}

export interface RecordOutcome {
  opened: string[];
  updated: string[];
  notified: string[];
}

/** What routing stored on the signal: the plan and who was told at each level. */
interface RoutingState {
  plan?: RoutePlan;
  notified?: { level: number; version: number; at: string; memberIds: string[]; channelIds: string[] }[];
}

export interface SignalServiceOptions {
  merge?: MergePolicy;
  /** Minutes of mentions before the first detection used for evidence and narratives. */
  evidenceLeadMinutes?: number;
  /**
   * Milliseconds in one minute of a routing rule's acknowledgement timeout: 60,000. Tests shorten it
   * (FIREBREAK_ESCALATION_MINUTE_SECONDS) so the shortest deadline passes in seconds.
   */
  escalationMinuteMs?: number;
}

/** Thrown inside a transaction to roll back a signal whose opening detection another run already recorded. */
const alreadyRecorded = new Error('detection already recorded');

const kindOrder = (kind: SignalKind) => ['spike', 'narrative', 'high_reach'].indexOf(kind);
const metricOrder = (metric: string) => {
  const i = ['volume', 'negative_share', 'negative_reach', 'acceleration'].indexOf(metric);
  return i < 0 ? 9 : i;
};

function presentDetection(row: DetectionRow): SignalDetection {
  return {
    id: row.id,
    signalId: row.signalId,
    kind: row.kind as SignalKind,
    metric: (row.metric === 'narrative' || row.metric === 'post' ? null : row.metric) as SignalMetric | null,
    platform: row.platform as Platform | null,
    t: iso(row.t),
    score: row.score,
    severity: row.severity as SignalSeverity,
    isOnset: row.isOnset,
    summary: row.summary,
    createdAt: iso(row.createdAt),
  };
}

function presentFeedback(row: FeedbackRow): SignalFeedback {
  return {
    id: row.id,
    signalId: row.signalId,
    memberId: row.memberId,
    memberName: row.memberName,
    verdict: row.verdict as SignalFeedback['verdict'],
    note: row.note,
    createdAt: iso(row.createdAt),
  };
}

export function ruleView(row: RoutingRuleRow): RuleView {
  return {
    id: row.id,
    enabled: row.enabled,
    minSeverity: row.minSeverity as SignalSeverity,
    brandIds: row.brandIds,
    platforms: row.platforms,
    kinds: row.kinds as SignalKind[],
    departments: row.departments as Department[],
    channelIds: row.channelIds,
    ackTimeoutMinutes: row.ackTimeoutMinutes,
    escalation: row.escalation as EscalationLevel[],
  };
}

function viewOf(row: SignalRow): SignalView {
  return {
    id: row.id,
    brandId: row.brandId,
    status: row.status as SignalStatus,
    severity: row.severity as SignalSeverity,
    lastDetectedAt: row.lastDetectedAt.getTime(),
    createdAt: row.createdAt.getTime(),
  };
}

function postOf(m: MentionRow): PostCandidate {
  return {
    mentionId: m.id,
    platform: m.platform as Platform,
    author: m.authorHandle,
    authorFollowers: m.authorFollowers,
    text: m.text,
    url: m.url,
    reach: m.reach,
    sentiment: (m.sentimentLabel as PostCandidate['sentiment']) ?? null,
    engagement: m.likes + m.reposts + m.replies,
    createdAt: iso(m.createdAt),
  };
}

function narrativePostOf(m: MentionRow): NarrativePost {
  return { id: m.id, text: m.text, author: m.authorHandle, platform: m.platform };
}

function termsOfScan(scan: ReturnType<typeof scanNarratives>): SignalTerm[] {
  return scan.terms.slice(0, 10).map((t) => ({
    term: t.term,
    kind: t.kind,
    count: t.count,
    expected: Math.round(t.expected * 100) / 100,
    ratio: Math.round(t.ratio * 100) / 100,
  }));
}

function clustersOfScan(scan: ReturnType<typeof scanNarratives>): SignalCluster[] {
  return scan.clusters.slice(0, 5).map((c) => ({
    text: c.text.slice(0, 1000),
    size: c.size,
    distinctAuthors: c.distinctAuthors,
    platforms: c.platforms as Platform[],
    mentionIds: c.mentionIds.slice(0, 50),
  }));
}

function mergeTerms(a: readonly SignalTerm[], b: readonly SignalTerm[]): SignalTerm[] {
  const byTerm = new Map<string, SignalTerm>();
  for (const t of [...a, ...b]) {
    const before = byTerm.get(t.term);
    if (!before || t.count >= before.count) byTerm.set(t.term, t);
  }
  return [...byTerm.values()].sort((x, y) => y.ratio - x.ratio || y.count - x.count).slice(0, 10);
}

function mergeClusters(a: readonly SignalCluster[], b: readonly SignalCluster[]): SignalCluster[] {
  const byText = new Map<string, SignalCluster>();
  for (const c of [...a, ...b]) {
    const before = byText.get(c.text);
    if (!before || c.size >= before.size) byText.set(c.text, c);
  }
  return [...byText.values()].sort((x, y) => y.size - x.size).slice(0, 5);
}

function mergePosts(a: readonly SignalPost[], b: readonly SignalPost[], limit = 8): SignalPost[] {
  const byId = new Map<string, SignalPost>();
  for (const p of [...b, ...a]) if (!byId.has(p.mentionId)) byId.set(p.mentionId, p);
  const flagged = (p: SignalPost) =>
    p.reason === 'high_reach_negative' || p.reason === 'fast_engagement' ? 1 : 0;
  return [...byId.values()].sort((x, y) => flagged(y) - flagged(x) || y.reach - x.reach).slice(0, limit);
}

export class SignalService {
  private queuesReady: Promise<void> | null = null;
  private readonly merge: MergePolicy;
  private readonly leadMs: number;
  private readonly escalationMinuteMs: number;

  constructor(
    private readonly deps: {
      signals: SignalRepository;
      transact: SignalTransact;
      detection: DetectionRepository;
      rollups: RollupRepository;
      brands: BrandRepository;
      identity: IdentityRepository;
      onCallRows: OnCallRepository;
      onCall: OnCallService;
      alerts: AlertService;
      crises: CrisisService;
      clock: Clock;
      jobs: JobRepository;
      publicUrl: string;
    },
    options: SignalServiceOptions = {},
  ) {
    this.merge = options.merge ?? defaultMergePolicy;
    this.leadMs = (options.evidenceLeadMinutes ?? 10) * 60_000;
    this.escalationMinuteMs = options.escalationMinuteMs ?? 60_000;
    // Slack's Acknowledge and Declare-crisis buttons act on the signal the alert is about.
    deps.alerts.onAction('signal', async (actor, alert, action) => {
      try {
        if (action === 'acknowledge') await this.acknowledge(actor, alert.subjectId, {});
        else await this.declareCrisis(actor, alert.subjectId, {});
      } catch (error) {
        // Someone already answered it another way (e.g. a crisis was declared): the alert's action is recorded.
        if (!(error instanceof ConflictError)) throw error;
      }
    });
  }

  // ---------- reads ----------

  async list(actor: Actor, q: z.infer<typeof ListSignalsQuery>): Promise<Signal[]> {
    authorize(actor, 'signal.read');
    const statuses =
      q.status !== undefined
        ? [q.status]
        : q.active === 'true'
          ? ['open', 'acknowledged', 'snoozed']
          : q.active === 'false'
            ? ['merged', 'escalated', 'dismissed']
            : undefined;
    const rows = await this.deps.signals.list(actor.workspaceId, {
      statuses,
      brandId: q.brandId,
      kind: q.kind,
      severities: q.severity ? severityOrder.slice(severityRank(q.severity)) : undefined,
      since: q.since ? new Date(q.since) : undefined,
      limit: q.limit,
    });
    const names = await this.brandNames(actor.workspaceId);
    return rows.map((r) => this.present(r, names));
  }

  async get(actor: Actor, id: string): Promise<SignalDetail> {
    authorize(actor, 'signal.read');
    const row = await this.deps.signals.find(actor.workspaceId, id);
    if (!row) throw new NotFoundError('Signal');
    const names = await this.brandNames(actor.workspaceId);
    const signal = this.present(row, names);
    const merged = await this.deps.signals.mergedInto(actor.workspaceId, id);
    const detections = await this.deps.signals.detections([id, ...merged.map((m) => m.id)]);
    return {
      signal,
      chart: await this.chartOf(actor.workspaceId, row),
      detections: detections.map(presentDetection),
      feedback: (await this.deps.signals.feedback(id)).map(presentFeedback),
      merged: merged.map((m) => ({ id: m.id, title: m.title, startedAt: iso(m.startedAt) })),
    };
  }

  async feedbackReport(actor: Actor, q: SignalFeedbackReportQuery): Promise<SignalFeedbackReport> {
    authorize(actor, 'signal.read');
    const until = q.until ? new Date(q.until) : this.deps.clock.now();
    const since = q.since ? new Date(q.since) : new Date(until.getTime() - 30 * 86_400_000);
    const tally = (by: 'kind' | 'severity' | 'brand_id' | 'all') =>
      this.deps.signals.feedbackTally(actor.workspaceId, by, since, until, q.brandId);
    const shape = (r: { signals: number; withFeedback: number; real: number; noise: number }) => ({
      signals: r.signals,
      withFeedback: r.withFeedback,
      real: r.real,
      noise: r.noise,
      precision: r.real + r.noise > 0 ? r.real / (r.real + r.noise) : null,
    });
    const zero = { signals: 0, withFeedback: 0, real: 0, noise: 0 };
    const names = await this.brandNames(actor.workspaceId);
    const byKind = new Map((await tally('kind')).map((r) => [r.key, r]));
    const bySeverity = new Map((await tally('severity')).map((r) => [r.key, r]));
    return {
      since: iso(since),
      until: iso(until),
      total: shape((await tally('all'))[0] ?? zero),
      byKind: signalKinds.map((kind) => ({ kind, ...shape(byKind.get(kind) ?? zero) })),
      bySeverity: signalSeverities.map((severity) => ({
        severity,
        ...shape(bySeverity.get(severity) ?? zero),
      })),
      byBrand: (await tally('brand_id')).map((r) => ({
        brandId: r.key,
        brandName: names.get(r.key) ?? 'deleted brand',
        ...shape(r),
      })),
    };
  }

  // ---------- people answering ----------

  async acknowledge(actor: Actor, id: string, input: { note?: string | undefined }): Promise<Signal> {
    authorize(actor, 'signal.respond');
    const now = this.deps.clock.now();
    return this.change(
      actor,
      id,
      'acknowledge',
      'signal.acknowledged',
      { note: input.note ?? null },
      (row) =>
        row.status === 'acknowledged'
          ? null
          : {
              status: 'acknowledged',
              ownerId: actor.kind === 'member' ? actor.id : row.ownerId,
              acknowledgedAt: now,
              snoozedUntil: null,
              escalationDueAt: null,
            },
    );
  }

  async snooze(actor: Actor, id: string, input: SnoozeSignalInput): Promise<Signal> {
    authorize(actor, 'signal.respond');
    const until = new Date(this.deps.clock.now().getTime() + input.minutes * 60_000);
    return this.change(
      actor,
      id,
      'snooze',
      'signal.snoozed',
      { minutes: input.minutes, until: iso(until), note: input.note ?? null },
      (row) => ({
        status: 'snoozed',
        ownerId: actor.kind === 'member' ? actor.id : row.ownerId,
        snoozedUntil: until,
        escalationDueAt: null,
      }),
    );
  }

  async dismiss(actor: Actor, id: string, input: { reason?: string | undefined }): Promise<Signal> {
    authorize(actor, 'signal.respond');
    const now = this.deps.clock.now();
    return this.change(actor, id, 'dismiss', 'signal.dismissed', { reason: input.reason ?? null }, (row) =>
      row.status === 'dismissed'
        ? null
        : { status: 'dismissed', dismissedAt: now, snoozedUntil: null, escalationDueAt: null },
    );
  }

  async feedback(actor: Actor, id: string, raw: z.input<typeof SignalFeedbackInput>): Promise<Signal> {
    authorize(actor, 'signal.respond');
    const input = SignalFeedbackInput.parse(raw);
    const memberName = await this.actorName(actor);
    const names = await this.brandNames(actor.workspaceId);
    return this.deps.transact(async (uow) => {
      const before = await uow.signals.findForUpdate(actor.workspaceId, id);
      if (!before) throw new NotFoundError('Signal');
      await uow.signals.insertFeedback({
        workspaceId: actor.workspaceId,
        signalId: id,
        memberId: actor.kind === 'member' ? actor.id : null,
        memberName,
        verdict: input.verdict,
        note: input.note,
        createdAt: this.deps.clock.now(),
      });
      const row = (await uow.signals.update(actor.workspaceId, id, { feedback: input.verdict }))!;
      await uow.audit.append(actor, {
        action: 'signal.feedback',
        targetType: 'signal',
        targetId: id,
        summary: { verdict: input.verdict, note: input.note, title: row.title },
      });
      const signal = this.present(row, names);
      await uow.events.append(actor.workspaceId, 'signal.updated', signal);
      return signal;
    });
  }

  /**
   * Declares a crisis from the signal (its title, severity, brand and evidence posts unless given) and marks the
   * signal escalated. The signal is claimed first, so two people pressing the button declare one crisis.
   */
  async declareCrisis(
    actor: Actor,
    id: string,
    raw: z.input<typeof DeclareCrisisFromSignalInput>,
  ): Promise<DeclareCrisisFromSignalResult> {
    authorize(actor, 'crisis.declare');
    const input = DeclareCrisisFromSignalInput.parse(raw);
    const names = await this.brandNames(actor.workspaceId);
    const claimed = await this.deps.transact(async (uow) => {
      const row = await uow.signals.findForUpdate(actor.workspaceId, id);
      if (!row) throw new NotFoundError('Signal');
      if (!canApply('declare_crisis', row.status as SignalStatus)) {
        throw new ConflictError(
          row.crisisId
            ? 'A crisis was already declared from this signal.'
            : `A ${row.status} signal cannot become a crisis.`,
        );
      }
      await uow.signals.update(actor.workspaceId, id, { status: 'escalated', escalationDueAt: null });
      return row;
    });
    const explanation = claimed.explanation;
    const evidence =
      input.evidenceMentionIds ??
      [
        ...new Set([
          ...explanation.topPosts.map((p) => p.mentionId),
          ...explanation.clusters.flatMap((c) => c.mentionIds.slice(0, 10)),
        ]),
      ].slice(0, 200);
    let crisis: Crisis;
    try {
      crisis = await this.deps.crises.declare(actor, {
        title: input.title ?? claimed.title,
        summary: input.summary ?? explanation.summary,
        type: input.type,
        severity: input.severity ?? signalSeverityToCrisis[claimed.severity as SignalSeverity],
        brandId: claimed.brandId,
        signalId: id,
        evidenceMentionIds: evidence,
      });
    } catch (error) {
      await this.deps.signals.update(actor.workspaceId, id, {
        status: claimed.status,
        escalationDueAt: claimed.escalationDueAt,
      });
      throw error;
    }
    const signal = await this.deps.transact(async (uow) => {
      const row = (await uow.signals.update(actor.workspaceId, id, { crisisId: crisis.id }))!;
      await uow.audit.append(actor, {
        action: 'signal.crisis_declared',
        targetType: 'signal',
        targetId: id,
        summary: {
          crisisId: crisis.id,
          title: crisis.title,
          severity: crisis.severity,
          from: claimed.status,
        },
      });
      const presented = this.present(row, names);
      await uow.events.append(actor.workspaceId, 'signal.updated', presented);
      return presented;
    });
    return { signal, crisis };
  }

  // ---------- detections (the detection job, as the system) ----------

  /**
   * Turns detections into signals: each joins the brand's signal within the merge window or opens one; a new
   * severity re-notifies. Replayed detections (same series, metric and bucket) are ignored. Routes what opened or
   * escalated.
   */
  async recordDetections(workspaceId: string, batches: readonly BrandDetections[]): Promise<RecordOutcome> {
    const outcome: RecordOutcome = { opened: [], updated: [], notified: [] };
    const actor = systemActor(workspaceId, 'detection');
    const toRoute: { id: string }[] = [];
    for (const batch of batches) {
      if (batch.detections.length === 0) continue;
      // In time order; within a bucket, spikes before other kinds, volume before derived metrics, brand-wide
      // before per platform: the first one opens the signal and gives it its chart.
      const sorted = [...batch.detections].sort(
        (a, b) =>
          a.detection.t - b.detection.t ||
          kindOrder(a.detection.kind) - kindOrder(b.detection.kind) ||
          metricOrder(a.detection.metric) - metricOrder(b.detection.metric) ||
          (a.detection.platform === null ? 0 : 1) - (b.detection.platform === null ? 0 : 1) ||
          severityRank(b.detection.severity) - severityRank(a.detection.severity),
      );
      const firstT = sorted[0]!.detection.t;
      const candidates = (
        await this.deps.signals.candidates(workspaceId, new Date(firstT - this.merge.windowMs))
      ).filter((s) => s.brandId === batch.brandId);
      const views = candidates.map(viewOf);
      let context: { posts: PostCandidate[]; terms: SignalTerm[]; clusters: SignalCluster[] } | null = null;
      const contextOf = async () => {
        if (context) return context;
        const now = this.deps.clock.now();
        const mentions = await this.deps.detection.brandMentions(
          workspaceId,
          batch.brandId,
          new Date(firstT - this.leadMs),
          new Date(Math.max(now.getTime(), sorted[sorted.length - 1]!.detection.t + 60_000)),
          1000,
        );
        const scan = batch.narrativeBaseline
          ? scanNarratives(batch.narrativeBaseline, mentions.map(narrativePostOf))
          : null;
        context = {
          posts: mentions.map(postOf),
          terms: scan ? termsOfScan(scan) : [],
          clusters: scan ? clustersOfScan(scan) : [],
        };
        return context;
      };
      for (const input of sorted) {
        const d = input.detection;
        const t = new Date(d.t);
        if (await this.deps.signals.detectionExists(workspaceId, d.brandId, d.seriesKey, d.metric, t)) {
          continue;
        }
        const plan = planDetection(views, d, this.merge);
        const ctx = await contextOf();
        const flagged = input.flaggedPosts ?? new Map<string, SignalPost['reason']>();
        const topPosts = selectTopPosts(ctx.posts, flagged);
        const terms = mergeTerms(ctx.terms, input.terms ?? []);
        const clusters = mergeClusters(ctx.clusters, input.clusters ?? []);
        const readings = input.reading ? [input.reading] : [];
        if (plan.kind === 'open') {
          // The signal opens at the highest severity of its bucket, so the others in it do not re-notify.
          const sameBucket = sorted.filter((x) => x.detection.t === d.t);
          const severity = sameBucket.reduce<SignalSeverity>(
            (m, x) => maxSeverity(m, x.detection.severity),
            d.severity,
          );
          const score = Math.max(...sameBucket.map((x) => x.detection.score));
          const impacts = platformImpacts(batch.platformWindows, readings);
          const explanation = this.newExplanation(batch.brandName, input, {
            readings,
            topPosts,
            terms,
            clusters,
            impacts,
          });
          const title = signalTitle(batch.brandName, d.kind, {
            ...(input.reading ? { metric: input.reading.metric, platform: input.reading.platform } : {}),
            ...(terms[0] ? { term: terms[0].term } : {}),
          });
          const row = await this.deps
            .transact(async (uow) => {
              const inserted = await uow.signals.insert({
                workspaceId,
                brandId: d.brandId,
                kind: d.kind,
                title,
                severity,
                score,
                status: 'open',
                platforms: affectedPlatforms(readings, impacts),
                startedAt: t,
                lastDetectedAt: t,
                detectionCount: 1,
                version: 1,
                explanation,
                createdAt: this.deps.clock.now(),
                updatedAt: this.deps.clock.now(),
              });
              const recorded = await uow.signals.insertDetection(
                this.detectionRow(workspaceId, inserted.id, input),
              );
              // Another run recorded it meanwhile: roll the new signal back.
              if (!recorded) throw alreadyRecorded;
              await uow.audit.append(actor, {
                action: 'signal.opened',
                targetType: 'signal',
                targetId: inserted.id,
                summary: { title, severity, score, kind: d.kind, onset: iso(t) },
              });
              await uow.events.append(
                workspaceId,
                'signal.opened',
                this.present(inserted, new Map([[d.brandId, batch.brandName]])),
              );
              return inserted;
            })
            .catch((error: unknown) => {
              if (error === alreadyRecorded) return null;
              throw error;
            });
          if (!row) continue;
          views.push(viewOf(row));
          outcome.opened.push(row.id);
          toRoute.push({ id: row.id });
          continue;
        }
        const updated = await this.deps.transact(async (uow) => {
          const row = await uow.signals.findForUpdate(workspaceId, plan.signalId);
          if (!row) return null;
          const recorded = await uow.signals.insertDetection(this.detectionRow(workspaceId, row.id, input));
          if (!recorded) return null;
          const before = row.explanation;
          const allReadings = mergeReadings(before.readings, readings);
          const impacts = platformImpacts(batch.platformWindows, allReadings);
          const escalated = severityRank(d.severity) > severityRank(row.severity as SignalSeverity);
          const explanation: SignalExplanation = {
            ...before,
            readings: allReadings,
            topTerms: mergeTerms(before.topTerms, terms),
            clusters: mergeClusters(before.clusters, clusters),
            topPosts: mergePosts(before.topPosts, topPosts),
            platforms: impacts.length > 0 ? impacts : before.platforms,
            series: this.extendSeries(before.series, input.series),
          };
          if (input.reading && escalated) {
            explanation.summary = readingSentence(batch.brandName, input.reading);
            explanation.observed = input.reading.observed;
            explanation.baseline = input.reading.expected;
            explanation.ratio = ratioOf(input.reading.observed, input.reading.expected);
          }
          const platforms = [
            ...new Set([...(row.platforms as Platform[]), ...affectedPlatforms(readings, [])]),
          ].sort();
          const next = await uow.signals.update(workspaceId, row.id, {
            severity: maxSeverity(row.severity as SignalSeverity, d.severity),
            score: Math.max(row.score, d.score),
            platforms,
            lastDetectedAt: new Date(Math.max(row.lastDetectedAt.getTime(), d.t)),
            detectionCount: row.detectionCount + 1,
            version: plan.notify ? row.version + 1 : row.version,
            explanation,
            ...(plan.reopen ? { status: 'open', snoozedUntil: null, dismissedAt: null } : {}),
            updatedAt: this.deps.clock.now(),
          });
          await uow.audit.append(actor, {
            action: escalated ? 'signal.escalated_severity' : 'signal.detected',
            targetType: 'signal',
            targetId: row.id,
            summary: {
              severity: d.severity,
              from: row.severity,
              score: d.score,
              kind: d.kind,
              series: d.seriesKey,
              metric: d.metric,
              reopened: plan.reopen,
            },
          });
          await uow.events.append(
            workspaceId,
            'signal.updated',
            this.present(next!, new Map([[d.brandId, batch.brandName]])),
          );
          return next!;
        });
        if (!updated) continue;
        const view = views.find((v) => v.id === updated.id);
        if (view) Object.assign(view, viewOf(updated));
        outcome.updated.push(updated.id);
        if (plan.notify) toRoute.push({ id: updated.id });
      }
    }
    await this.mergeDuplicateSignals(workspaceId);
    for (const { id } of toRoute) {
      if (await this.route(workspaceId, id)) outcome.notified.push(id);
    }
    return outcome;
  }

  /** Appends chart points (the detector's trace) to live signals whose opening series they belong to. */
  async extendCharts(
    workspaceId: string,
    traceFor: (key: string) => SignalSeriesPoint[] | undefined,
    liveSince: Date,
  ): Promise<void> {
    const live = (await this.deps.signals.candidates(workspaceId, liveSince)).filter(
      (s) => s.status !== 'merged' && s.kind === 'spike',
    );
    const names = live.length > 0 ? await this.brandNames(workspaceId) : new Map<string, string>();
    for (const row of live) {
      const series = row.explanation.series;
      const points = traceFor(`${row.brandId}|${series.platform ?? 'all'}|${series.metric}`);
      if (!points || points.length === 0) continue;
      const last = series.points.at(-1)?.t;
      const fresh = points.filter((p) => !last || Date.parse(p.t) > Date.parse(last));
      if (fresh.length === 0) continue;
      // The chart grows with the detector's trace; live pages redraw it (no audit: nobody changed anything).
      await this.deps.transact(async (uow) => {
        const updated = await uow.signals.update(workspaceId, row.id, {
          explanation: {
            ...row.explanation,
            series: { ...series, points: mergeSeriesPoints(series.points, fresh) },
          },
          updatedAt: row.updatedAt,
        });
        if (updated) await uow.events.append(workspaceId, 'signal.updated', this.present(updated, names));
      });
    }
  }

  // ---------- routing and escalation ----------

  /**
   * Sends the signal (at its current version) to the on-call member of each department the matching rules name
   * and to the rules' channels, and schedules escalation while it stays open. Returns whether anyone was told.
   */
  async route(workspaceId: string, signalId: string): Promise<boolean> {
    const row = await this.deps.signals.find(workspaceId, signalId);
    if (!row || !isActive(row.status as SignalStatus)) return false;
    const rules = (await this.deps.signals.rules(workspaceId)).map(ruleView);
    const plan = routePlan(
      matchingRules(rules, {
        brandId: row.brandId,
        kind: row.kind as SignalKind,
        severity: row.severity as SignalSeverity,
        platforms: row.platforms,
      }),
    );
    if (plan.ruleIds.length === 0) return false;
    const now = this.deps.clock.now();
    const onCall = await this.deps.onCall.whoIsOnCallNow(workspaceId, now);
    const responders = firstResponders(plan.departments, onCall);
    const members = new Map((await this.deps.identity.listMembers(workspaceId)).map((m) => [m.id, m]));
    const brandName = (await this.brandNames(workspaceId)).get(row.brandId) ?? 'a brand';
    const onCallLine = responders
      .map((r) => `${members.get(r.memberId)?.name ?? 'someone'} (${r.department.replace('_', ' ')})`)
      .join(', ');
    const message = this.messageOf(row, brandName, [
      { label: 'On call', value: onCallLine || 'nobody on call in the routed departments' },
    ]);
    const targets: AlertTarget[] = [
      ...responders.map((r) => ({ kind: 'member' as const, memberId: r.memberId })),
      ...plan.channelIds.map((channelId) => ({ kind: 'channel' as const, channelId })),
    ];
    const outcomes = await this.deps.alerts.send(systemActor(workspaceId, 'routing'), {
      subjectType: 'signal',
      subjectId: row.id,
      subjectVersion: row.version * 10,
      message,
      targets,
    });
    const routing = (row.routing ?? {}) as RoutingState;
    const due =
      row.status === 'open' && row.escalationDueAt === null
        ? nextEscalationDue(plan, row.escalationLevel, now, this.escalationMinuteMs)
        : row.escalationDueAt;
    const names = await this.brandNames(workspaceId);
    await this.deps.transact(async (uow) => {
      const updated = await uow.signals.update(workspaceId, row.id, {
        routedDepartments: plan.departments,
        routing: {
          plan,
          notified: [
            ...(routing.notified ?? []),
            {
              level: 0,
              version: row.version,
              at: iso(now),
              memberIds: responders.map((r) => r.memberId),
              channelIds: plan.channelIds,
            },
          ],
        },
        escalationDueAt: due,
      });
      await uow.audit.append(systemActor(workspaceId, 'routing'), {
        action: 'signal.routed',
        targetType: 'signal',
        targetId: row.id,
        summary: {
          version: row.version,
          ruleIds: plan.ruleIds,
          departments: plan.departments,
          memberIds: responders.map((r) => r.memberId),
          channelIds: plan.channelIds,
          decisions: outcomes.map((o) => o.decision),
          escalationDueAt: isoOrNull(due),
        },
      });
      await uow.events.append(workspaceId, 'signal.updated', this.present(updated!, names));
    });
    if (due) await this.scheduleEscalation(workspaceId, row.id, row.escalationLevel + 1, due);
    return outcomes.some((o) => o.decision !== 'skipped');
  }

  /**
   * One escalation step (the job, or the sweep): if the signal is still open and step `level` is due, notifies the
   * level's recipients and the rules' channels, and schedules the next step. Idempotent; false when nothing was done.
   */
  async escalate(workspaceId: string, signalId: string, level: number): Promise<boolean> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.transact(async (uow) => {
      const row = await uow.signals.findForUpdate(workspaceId, signalId);
      if (!row || row.status !== 'open' || row.escalationLevel !== level - 1) return null;
      if (!row.escalationDueAt || row.escalationDueAt.getTime() > now.getTime()) return null;
      const plan = ((row.routing ?? {}) as RoutingState).plan;
      const step = plan?.escalation[level - 1];
      if (!plan || !step) {
        await uow.signals.update(workspaceId, signalId, { escalationDueAt: null });
        return null;
      }
      const next = nextEscalationDue(plan, level, now, this.escalationMinuteMs);
      const updated = await uow.signals.update(workspaceId, signalId, {
        escalationLevel: level,
        escalationDueAt: next,
      });
      return { row: updated!, plan, step, next };
    });
    if (!claimed) return false;
    const { row, plan, step, next } = claimed;
    const [rotations, overrides, memberList, onCall] = await Promise.all([
      this.deps.onCallRows.rotations(workspaceId),
      this.deps.onCallRows.overrides(workspaceId, now),
      this.deps.identity.listMembers(workspaceId),
      this.deps.onCall.whoIsOnCallNow(workspaceId, now),
    ]);
    const recipients = escalationRecipients(step, {
      departments: plan.departments,
      schedules: schedulesOf(rotations, overrides),
      onCall,
      members: memberList.map((m) => ({ id: m.id, role: m.role, active: m.status === 'active' })),
      at: now,
    });
    const names = new Map(memberList.map((m) => [m.id, m.name]));
    const brandNames = await this.brandNames(workspaceId);
    const waited = plan.ackTimeoutMinutes ?? 0;
    const message = this.messageOf(row, brandNames.get(row.brandId) ?? 'a brand', [
      { label: 'Escalation', value: `Level ${level}: ${escalationLevelLabels[step]}` },
      { label: 'Not acknowledged', value: `after ${waited * level} min` },
      {
        label: 'Now notifying',
        value: recipients.map((id) => names.get(id) ?? 'someone').join(', ') || 'nobody',
      },
    ]);
    message.title = `Escalated: ${message.title}`.slice(0, 200);
    const outcomes = await this.deps.alerts.send(systemActor(workspaceId, 'escalation'), {
      subjectType: 'signal',
      subjectId: row.id,
      subjectVersion: row.version * 10 + level,
      message,
      targets: [
        ...recipients.map((memberId) => ({ kind: 'member' as const, memberId })),
        ...plan.channelIds.map((channelId) => ({ kind: 'channel' as const, channelId })),
      ],
    });
    await this.deps.transact(async (uow) => {
      const current = await uow.signals.find(workspaceId, row.id);
      const routing = (current?.routing ?? {}) as RoutingState;
      const updated = await uow.signals.update(workspaceId, row.id, {
        routing: {
          ...routing,
          notified: [
            ...(routing.notified ?? []),
            { level, version: row.version, at: iso(now), memberIds: recipients, channelIds: plan.channelIds },
          ],
        },
      });
      await uow.audit.append(systemActor(workspaceId, 'escalation'), {
        action: 'signal.escalation',
        targetType: 'signal',
        targetId: row.id,
        summary: {
          level,
          to: step,
          memberIds: recipients,
          channelIds: plan.channelIds,
          decisions: outcomes.map((o) => o.decision),
          nextAt: isoOrNull(next),
        },
      });
      await uow.events.append(workspaceId, 'signal.updated', this.present(updated!, brandNames));
    });
    if (next) await this.scheduleEscalation(workspaceId, row.id, level + 1, next);
    return true;
  }

  /** The sweep behind the jobs (run by the detection job each minute): due escalations and ended snoozes. */
  async sweep(now = this.deps.clock.now()): Promise<{ escalated: number; woken: number }> {
    let woken = 0;
    for (const row of await this.deps.signals.snoozeEnded(now)) {
      if (await this.wake(row.workspaceId, row.id)) woken++;
    }
    let escalated = 0;
    for (const row of await this.deps.signals.escalationsDue(now)) {
      if (await this.escalate(row.workspaceId, row.id, row.escalationLevel + 1)) escalated++;
    }
    return { escalated, woken };
  }

  /** A snooze that ended: the signal is open again and escalation resumes where it was. */
  private async wake(workspaceId: string, id: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const names = await this.brandNames(workspaceId);
    const due = await this.deps.transact(async (uow) => {
      const row = await uow.signals.findForUpdate(workspaceId, id);
      if (!row || row.status !== 'snoozed' || !row.snoozedUntil || row.snoozedUntil > now) return undefined;
      const plan = ((row.routing ?? {}) as RoutingState).plan;
      const next = plan ? nextEscalationDue(plan, row.escalationLevel, now, this.escalationMinuteMs) : null;
      const updated = await uow.signals.update(workspaceId, id, {
        status: 'open',
        snoozedUntil: null,
        escalationDueAt: next,
      });
      await uow.audit.append(systemActor(workspaceId, 'snooze'), {
        action: 'signal.snooze_ended',
        targetType: 'signal',
        targetId: id,
        summary: { title: row.title, escalationDueAt: isoOrNull(next) },
      });
      await uow.events.append(workspaceId, 'signal.updated', this.present(updated!, names));
      return { next, level: row.escalationLevel + 1 };
    });
    if (due === undefined) return false;
    if (due.next) await this.scheduleEscalation(workspaceId, id, due.level, due.next);
    return true;
  }

  // ---------- internals ----------

  private async change(
    actor: Actor,
    id: string,
    action: 'acknowledge' | 'snooze' | 'dismiss',
    auditAction: string,
    summary: Record<string, unknown>,
    patch: (row: SignalRow) => Parameters<SignalRepository['update']>[2] | null,
  ): Promise<Signal> {
    const names = await this.brandNames(actor.workspaceId);
    return this.deps.transact(async (uow) => {
      const row = await uow.signals.findForUpdate(actor.workspaceId, id);
      if (!row) throw new NotFoundError('Signal');
      if (!canApply(action, row.status as SignalStatus)) {
        throw new ConflictError(
          `A ${row.status} signal cannot be ${action === 'snooze' ? 'snoozed' : `${action}ed`}.`,
        );
      }
      const changes = patch(row);
      // Already in that state: nothing changes and nothing is recorded.
      if (changes === null) return this.present(row, names);
      const updated = (await uow.signals.update(actor.workspaceId, id, {
        ...changes,
        updatedAt: this.deps.clock.now(),
      }))!;
      await uow.audit.append(actor, {
        action: auditAction,
        targetType: 'signal',
        targetId: id,
        summary: { ...summary, title: row.title, from: row.status },
      });
      const signal = this.present(updated, names);
      await uow.events.append(actor.workspaceId, 'signal.updated', signal);
      return signal;
    });
  }

  private async mergeDuplicateSignals(workspaceId: string): Promise<void> {
    const recent = await this.deps.signals.candidates(
      workspaceId,
      new Date(this.deps.clock.now().getTime() - this.merge.windowMs),
    );
    const names = await this.brandNames(workspaceId);
    for (const { survivorId, mergedIds } of mergeDuplicates(recent.map(viewOf), this.merge)) {
      await this.deps.transact(async (uow) => {
        for (const mergedId of mergedIds) {
          const row = await uow.signals.update(workspaceId, mergedId, {
            status: 'merged',
            mergedIntoId: survivorId,
            escalationDueAt: null,
          });
          await uow.audit.append(systemActor(workspaceId, 'detection'), {
            action: 'signal.merged',
            targetType: 'signal',
            targetId: mergedId,
            summary: { into: survivorId },
          });
          await uow.events.append(workspaceId, 'signal.updated', this.present(row!, names));
        }
      });
    }
  }

  private detectionRow(workspaceId: string, signalId: string, input: DetectionInput) {
    const d = input.detection;
    return {
      workspaceId,
      signalId,
      brandId: d.brandId,
      kind: d.kind,
      seriesKey: d.seriesKey,
      metric: d.metric,
      platform: d.platform,
      t: new Date(d.t),
      score: d.score,
      severity: d.severity,
      isOnset: d.isOnset,
      summary: d.summary,
      createdAt: this.deps.clock.now(),
    };
  }

  private newExplanation(
    brandName: string,
    input: DetectionInput,
    parts: {
      readings: SignalMetricReading[];
      topPosts: SignalPost[];
      terms: SignalTerm[];
      clusters: SignalCluster[];
      impacts: ReturnType<typeof platformImpacts>;
    },
  ): SignalExplanation {
    const d = input.detection;
    const r = input.reading;
    return {
      summary: r ? readingSentence(brandName, r) : d.summary,
      onsetAt: iso(new Date(d.t)),
      metric: r?.metric ?? 'volume',
      baseline: r?.expected ?? 0,
      observed: r?.observed ?? 0,
      ratio: r ? ratioOf(r.observed, r.expected) : null,
      readings: parts.readings,
      series: input.series ?? emptySeries(r?.metric ?? 'volume', r?.platform ?? null),
      topTerms: parts.terms,
      clusters: parts.clusters,
      topPosts: parts.topPosts,
      platforms: parts.impacts,
    };
  }

  private extendSeries(series: SignalSeries, more: SignalSeries | undefined): SignalSeries {
    if (!more || more.metric !== series.metric || more.platform !== series.platform) return series;
    return { ...series, points: mergeSeriesPoints(series.points, more.points) };
  }

  /** The chart: the stored series (with baseline) over two hours of observed volume from the rollups. */
  private async chartOf(workspaceId: string, row: SignalRow): Promise<SignalSeries> {
    const series = row.explanation.series;
    if (series.metric !== 'volume') return series;
    const start = new Date(row.startedAt.getTime() - 2 * 3_600_000);
    const now = this.deps.clock.now();
    const endMs = Math.min(now.getTime(), row.lastDetectedAt.getTime() + 6 * 3_600_000);
    const end = new Date(Math.floor(endMs / 60_000) * 60_000);
    const points = await this.deps.rollups.series(
      workspaceId,
      row.brandId,
      series.platform ?? undefined,
      start,
      end,
      'minute',
    );
    const perMinute = new Map<number, number>();
    for (const p of points) {
      perMinute.set(p.bucket.getTime(), (perMinute.get(p.bucket.getTime()) ?? 0) + p.count);
    }
    const context: SignalSeriesPoint[] = [];
    for (let t = start.getTime(); t < end.getTime(); t += 60_000) {
      context.push({
        t: iso(new Date(t)),
        observed: perMinute.get(t) ?? 0,
        expected: null,
        lower: null,
        upper: null,
        score: null,
      });
    }
    return { ...series, points: mergeSeriesPoints(context, series.points, 24 * 60) };
  }

  private messageOf(
    row: SignalRow,
    brandName: string,
    extraFacts: { label: string; value: string }[],
  ): AlertMessageInput {
    const e = row.explanation;
    const facts = [
      {
        label: 'Severity',
        value: `${severityLabel(row.severity as SignalSeverity)} (score ${row.score.toFixed(2)})`,
      },
      { label: 'Onset', value: `${e.onsetAt.slice(0, 16).replace('T', ' ')} UTC` },
      ...(e.ratio !== null
        ? [
            {
              label: 'Against baseline',
              value: `×${e.ratio.toFixed(1)} (${formatFigure(e.observed)} vs ${formatFigure(e.baseline)})`,
            },
          ]
        : []),
      {
        label: 'Platforms',
        value:
          row.platforms.length > 0 ? row.platforms.map((p) => platformName(p)).join(', ') : 'all platforms',
      },
      ...extraFacts,
    ].slice(0, 10);
    return {
      title: row.title.slice(0, 200),
      severity: row.severity as SignalSeverity,
      brand: brandName,
      summary: e.summary.slice(0, 2000),
      explanation: [
        ...e.readings.slice(0, 5).map((r) => readingSentence(brandName, r)),
        ...e.clusters
          .slice(0, 2)
          .map(
            (c) =>
              `${c.size} near-identical posts by ${c.distinctAuthors} authors: “${c.text.slice(0, 200)}”`,
          ),
      ].slice(0, 20),
      facts: facts.map((f) => ({ label: f.label.slice(0, 100), value: f.value.slice(0, 300) })),
      topTerms: e.topTerms.slice(0, 10).map((t) => t.term.slice(0, 100)),
      samplePosts: e.topPosts.slice(0, 3).map((p) => ({
        author: p.author.slice(0, 200),
        text: p.text.slice(0, 1000),
        url: p.url && /^https?:\/\//.test(p.url) ? p.url : null,
      })),
      url: `${this.deps.publicUrl}/signals/${row.id}`,
      actions: ['acknowledge', 'declare_crisis'],
    };
  }

  private async scheduleEscalation(
    workspaceId: string,
    signalId: string,
    level: number,
    at: Date,
  ): Promise<void> {
    await this.ensureQueues();
    await this.deps.jobs.enqueue(
      signalJobNames.escalate,
      { workspaceId, signalId, level },
      { runAt: at, singletonKey: `${signalId}:${level}:${at.toISOString()}` },
    );
  }

  private ensureQueues(): Promise<void> {
    this.queuesReady ??= (async () => {
      await this.deps.jobs.start();
      await this.deps.jobs.define(signalJobNames.escalate, signalJobRetry);
    })().catch((error: unknown) => {
      this.queuesReady = null;
      throw error;
    });
    return this.queuesReady;
  }

  private async brandNames(workspaceId: string): Promise<Map<string, string>> {
    return new Map((await this.deps.brands.list(workspaceId, true)).map((b) => [b.id, b.name]));
  }

  private async actorName(actor: Actor): Promise<string> {
    if (actor.kind === 'member' && actor.id) {
      return (await this.deps.identity.findMember(actor.workspaceId, actor.id))?.name ?? actor.label;
    }
    return actor.label;
  }

  present(row: SignalRow, brandNames: ReadonlyMap<string, string>): Signal {
    return {
      id: row.id,
      brandId: row.brandId,
      brandName: brandNames.get(row.brandId) ?? 'deleted brand',
      kind: row.kind as SignalKind,
      title: row.title,
      severity: row.severity as SignalSeverity,
      score: Math.min(1, Math.max(0, row.score)),
      status: row.status as SignalStatus,
      platforms: row.platforms as Platform[],
      startedAt: iso(row.startedAt),
      lastDetectedAt: iso(row.lastDetectedAt),
      detectionCount: row.detectionCount,
      version: row.version,
      ownerId: row.ownerId,
      acknowledgedAt: isoOrNull(row.acknowledgedAt),
      snoozedUntil: isoOrNull(row.snoozedUntil),
      mergedIntoId: row.mergedIntoId,
      crisisId: row.crisisId,
      dismissedAt: isoOrNull(row.dismissedAt),
      routedDepartments: row.routedDepartments as Department[],
      escalationLevel: row.escalationLevel,
      feedback: (row.feedback as Signal['feedback']) ?? null,
      explanation: row.explanation,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    };
  }
}
