// The detection run (every minute, from the job runner; directly with a given time in tests and benchmarks): reads
// the new per-minute rollups of each workspace in one query, steps the streaming detectors of every brand and
// brand × platform series (volume, negative share, reach-weighted negativity, acceleration), scans recent mentions
// for high-reach posts and, every few minutes, emerging narratives, and hands what fired to the signal service.
// Detector states stay in memory between runs and are checkpointed in batches (staggered, and whenever an
// episode opens or closes); after a restart the states are reloaded and the rollups since their checkpoint are
// replayed, so scores stay causal and fires already recorded are not repeated.
import { randomUUID } from 'node:crypto';
import type {
  Platform,
  SignalMetricReading,
  SignalPost,
  SignalSeries,
  SignalSeriesPoint,
} from '../../../contracts';
import { PLATFORM_SEVERITY_THRESHOLDS, VERY_STRICT_SEVERITY_THRESHOLDS } from '../domain/signals/series';
import type { Severity } from '../domain/detection/episode';
import {
  platformName,
  readingSentence,
  formatFigure,
  type PlatformWindow,
} from '../domain/signals/explanation';
import { findHighReachPosts, type HighReachOptions } from '../domain/signals/high-reach';
import {
  createNarrativeBaseline,
  learnNarratives,
  type NarrativeBaseline,
  type NarrativeOptions,
  narrativeSeverity,
  scanNarratives,
} from '../domain/signals/narratives';
import {
  type BucketInput,
  createSeriesState,
  isEpisodeOpen,
  type SeriesState,
  seriesMetrics,
  stepSeries,
  traceOf,
} from '../domain/signals/series';
import type { BrandRepository } from '../repositories/brand.repository';
import type { Clock } from '../repositories/clock.repository';
import type {
  DetectionRepository,
  MentionRow,
  RollupRow,
  StateRow,
} from '../repositories/detection.repository';
import type { BrandDetections, DetectionInput, SignalService } from './signal.service';

const MINUTE = 60_000;
const NARRATIVE_KEY = 'terms';

export interface DetectionOptions {
  /** Seconds after a minute ends before its bucket is evaluated: the allowed lateness of its mentions. */
  settleSeconds?: number;
  /**
   * Minutes already evaluated that are checked for late mentions each run (default 5; 0: none). What they gained
   * (per grown bucket) counts into the next evaluated bucket of the same series, which takes the larger of its own
   * value and that; mentions for older minutes (a backfill) are not counted.
   */
  lateHorizonMinutes?: number;
  /** At most this many minutes are caught up after a pause; older gaps are skipped. */
  maxCatchUpMinutes?: number;
  /**
   * Each series' state is checkpointed about this often (staggered across the minutes of the period), and whenever
   * its brand fires or an episode opens or ends; a restart replays at most this much of the rollups.
   */
  checkpointEveryMinutes?: number;
  /** Detector warm-up override in hours (tests; the default is a day). */
  warmupHours?: number;
  /** Episode thresholds of the brand × platform series (stricter than the brand-wide ones by default). */
  platformThresholds?: Readonly<Record<Severity, number>>;
  /** Narrative scan period, in minutes. */
  narrativeEveryMinutes?: number;
  narrative?: NarrativeOptions;
  highReach?: HighReachOptions;
  /** Minutes of rollups summarised per platform in a signal's explanation. */
  explanationWindowMinutes?: number;
  /** History a brand seen for the first time learns from (default a day and an hour: warm from the start). */
  historyMinutes?: number;
  /** New brands bootstrapped from their history per run. */
  bootstrapBrandsPerRun?: number;
  /** Minutes of mentions a brand's new narrative baseline learns from. */
  narrativeHistoryMinutes?: number;
}

export interface DetectionReport {
  workspaceId: string;
  /** Buckets [from, to] evaluated this run (epoch ms of bucket starts), null when nothing was new. */
  from: number | null;
  to: number | null;
  series: number;
  updates: number;
  fires: number;
  opened: string[];
  updated: string[];
  notified: string[];
  statesSaved: number;
  /** Late mentions: evaluated buckets that grew since, and the mentions they gained (counted into this run). */
  late: { buckets: number; mentions: number };
  /**
   * Milliseconds: loading checkpoints (after a restart), reading rollups (and late mentions), stepping detectors,
   * saving states and the cursor, recording signals.
   */
  timings: { load: number; read: number; detect: number; save: number; signals: number; total: number };
}

interface SeriesEntry {
  brandId: string;
  seriesKey: string;
  state: SeriesState;
  /** Last bucket saved to the database (null: never). */
  savedBucket: number | null;
  dirty: boolean;
  wasOpen: boolean;
}

interface NarrativeEntry {
  baseline: NarrativeBaseline;
  dirty: boolean;
  savedAt: number | null;
}

/** A bucket as it was evaluated: its rollup rows by `brand|platform`, and their totals. */
interface EvaluatedBucket {
  rows: Map<string, RollupRow>;
  count: number;
  negativeCount: number;
  n: number;
}

interface WorkspaceCache {
  token: string | null;
  series: Map<string, SeriesEntry>;
  narratives: Map<string, NarrativeEntry>;
  /** The last `lateHorizonMinutes` buckets as evaluated, to find late mentions. */
  evaluated: Map<number, EvaluatedBucket>;
}

function evaluatedBucket(rows: Iterable<RollupRow>): EvaluatedBucket {
  const out: EvaluatedBucket = { rows: new Map(), count: 0, negativeCount: 0, n: 0 };
  for (const r of rows) {
    out.rows.set(keyOf(r.brandId, r.platform), r);
    out.count += r.count;
    out.negativeCount += r.negativeCount;
    out.n += 1;
  }
  return out;
}

/** Field by field, the larger of two buckets. */
function maxInput(a: BucketInput, b: BucketInput): BucketInput {
  return {
    count: Math.max(a.count, b.count),
    negativeCount: Math.max(a.negativeCount, b.negativeCount),
    reach: Math.max(a.reach, b.reach),
    negativeWeight: Math.max(a.negativeWeight, b.negativeWeight),
  };
}

function addInput(to: BucketInput, r: BucketInput): void {
  to.count += r.count;
  to.negativeCount += r.negativeCount;
  to.reach += r.reach;
  to.negativeWeight += r.negativeWeight;
}

function emptyTrace(): SeriesState['trace'] {
  return { volume: [], negative_share: [], negative_reach: [], acceleration: [] };
}

function checkpointOf(entry: SeriesEntry): StateRow {
  return {
    brandId: entry.brandId,
    seriesKey: entry.seriesKey,
    lastBucket: entry.state.lastBucket,
    // The chart trace is left out (a fifth of the size): the replay after a restart rebuilds it.
    state: { ...entry.state, trace: emptyTrace() },
  };
}

const zero: BucketInput = { count: 0, negativeCount: 0, reach: 0, negativeWeight: 0 };

function keyOf(brandId: string, seriesKey: string): string {
  return `${brandId}|${seriesKey}`;
}

/** A small stable hash for staggering checkpoints. */
function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function toPoint(p: ReturnType<typeof traceOf>[number]): SignalSeriesPoint {
  return {
    t: new Date(p.t).toISOString(),
    observed: p.observed,
    expected: p.expected,
    lower: p.lower,
    upper: p.upper,
    score: Math.min(1, Math.max(0, p.score)),
  };
}

function isSeriesState(value: unknown): value is SeriesState {
  return (
    typeof value === 'object' && value !== null && (value as { v?: unknown }).v === 1 && 'detectors' in value
  );
}

export class DetectionService {
  private readonly cache = new Map<string, WorkspaceCache>();
  private readonly o: Required<Omit<DetectionOptions, 'warmupHours' | 'narrative' | 'highReach'>> & {
    warmupHours: number | undefined;
    narrative: NarrativeOptions | undefined;
    highReach: HighReachOptions | undefined;
  };

  constructor(
    private readonly deps: {
      detection: DetectionRepository;
      brands: BrandRepository;
      signals: SignalService;
      clock: Clock;
    },
    options: DetectionOptions = {},
  ) {
    this.o = {
      settleSeconds: options.settleSeconds ?? 5,
      lateHorizonMinutes: options.lateHorizonMinutes ?? 5,
      maxCatchUpMinutes: options.maxCatchUpMinutes ?? 360,
      checkpointEveryMinutes: options.checkpointEveryMinutes ?? 60,
      platformThresholds: options.platformThresholds ?? PLATFORM_SEVERITY_THRESHOLDS,
      narrativeEveryMinutes: options.narrativeEveryMinutes ?? 5,
      explanationWindowMinutes: options.explanationWindowMinutes ?? 15,
      historyMinutes: options.historyMinutes ?? 25 * 60,
      bootstrapBrandsPerRun: options.bootstrapBrandsPerRun ?? 20,
      narrativeHistoryMinutes: options.narrativeHistoryMinutes ?? 180,
      warmupHours: options.warmupHours,
      narrative: options.narrative,
      highReach: options.highReach,
    };
  }

  /** The job: every workspace with brands, then due escalations and ended snoozes. */
  async runAll(now = this.deps.clock.now()): Promise<DetectionReport[]> {
    const reports: DetectionReport[] = [];
    for (const workspaceId of await this.deps.detection.workspaceIds()) {
      reports.push(await this.runWorkspace(workspaceId, now));
    }
    await this.deps.signals.sweep(now);
    return reports;
  }

  /**
   * How long to wait at `now` before a run evaluates the minute that just ended (0 once it has settled): the job
   * fires at the start of each minute, a few seconds before the `settleSeconds` of allowed lateness have passed.
   */
  settleWaitMs(now = this.deps.clock.now()): number {
    const into = now.getTime() % MINUTE;
    const settle = this.o.settleSeconds * 1000;
    return into < settle ? settle - into + 250 : 0;
  }

  /**
   * For a graceful shutdown: checkpoints the states that changed since their last checkpoint, the oldest
   * checkpoints first, 500 to a statement, until `budgetMs` has passed, so the next process replays little (nothing
   * when all fit). Skipped for a workspace another instance has run since (its checkpoints are newer).
   */
  async flush(budgetMs = 5000): Promise<number> {
    const started = performance.now();
    let saved = 0;
    for (const [workspaceId, cache] of this.cache) {
      const cursor = await this.deps.detection.cursor(workspaceId);
      if (!cursor || cursor.runToken !== cache.token) continue;
      const narratives: StateRow[] = [];
      for (const [brandId, n] of cache.narratives) {
        if (!n.dirty) continue;
        narratives.push({
          brandId,
          seriesKey: NARRATIVE_KEY,
          lastBucket: cursor.lastBucket.getTime(),
          state: n.baseline,
        });
        n.dirty = false;
      }
      await this.deps.detection.saveStates(workspaceId, narratives);
      saved += narratives.length;
      const entries = [...cache.series.values()]
        .filter((e) => e.dirty)
        .sort((a, b) => (a.savedBucket ?? 0) - (b.savedBucket ?? 0));
      for (let i = 0; i < entries.length; i += 500) {
        if (performance.now() - started > budgetMs) return saved;
        const chunk = entries.slice(i, i + 500);
        await this.deps.detection.saveStates(workspaceId, chunk.map(checkpointOf));
        for (const e of chunk) {
          e.savedBucket = e.state.lastBucket;
          e.dirty = false;
        }
        saved += chunk.length;
      }
    }
    return saved;
  }

  /** Forgets the in-memory states (as a restart would): the next run reloads checkpoints and replays. */
  forget(): void {
    this.cache.clear();
  }

  async runWorkspace(workspaceId: string, now = this.deps.clock.now()): Promise<DetectionReport> {
    const started = performance.now();
    const report: DetectionReport = {
      workspaceId,
      from: null,
      to: null,
      series: 0,
      updates: 0,
      fires: 0,
      opened: [],
      updated: [],
      notified: [],
      statesSaved: 0,
      late: { buckets: 0, mentions: 0 },
      timings: { load: 0, read: 0, detect: 0, save: 0, signals: 0, total: 0 },
    };
    const lastComplete = Math.floor((now.getTime() - this.o.settleSeconds * 1000) / MINUTE) * MINUTE - MINUTE;
    const cursor = await this.deps.detection.cursor(workspaceId);
    const cursorBucket = cursor ? cursor.lastBucket.getTime() : null;
    if (cursorBucket !== null && lastComplete <= cursorBucket) return this.finish(report, started);

    let cache = this.cache.get(workspaceId);
    if (!cache || !cursor || cache.token !== cursor.runToken) {
      const loadStarted = performance.now();
      cache = await this.load(workspaceId);
      this.cache.set(workspaceId, cache);
      report.timings.load = performance.now() - loadStarted;
    }
    const earliest = lastComplete - (this.o.maxCatchUpMinutes - 1) * MINUTE;
    let from = cursorBucket === null ? earliest : cursorBucket + MINUTE;
    for (const entry of cache.series.values()) from = Math.min(from, entry.state.lastBucket + MINUTE);
    from = Math.max(from, earliest);
    const to = lastComplete + MINUTE;
    report.from = from;
    report.to = lastComplete;

    const readStarted = performance.now();
    const horizon = this.o.lateHorizonMinutes;
    const { rows: rollups, checks } =
      horizon > 0
        ? await this.deps.detection.rollupsAndChecks(
            workspaceId,
            new Date(from),
            new Date(to),
            new Date(from - horizon * MINUTE),
          )
        : {
            rows: await this.deps.detection.rollups(workspaceId, new Date(from), new Date(to)),
            checks: new Map<number, never>(),
          };
    const brands = new Map(
      (await this.deps.brands.list(workspaceId, false)).map((b) => [b.id, b.name] as const),
    );
    const late = await this.lateIncreases(workspaceId, cache, checks, report);
    report.timings.read = performance.now() - readStarted;

    // ---- detectors ----
    const detectStarted = performance.now();
    const byBrand = new Map<string, Map<string, Map<number, RollupRow>>>();
    const totals = new Map<string, Map<number, BucketInput>>();
    const addRow = (r: RollupRow) => {
      let platforms = byBrand.get(r.brandId);
      if (!platforms) byBrand.set(r.brandId, (platforms = new Map<string, Map<number, RollupRow>>()));
      let buckets = platforms.get(r.platform);
      if (!buckets) platforms.set(r.platform, (buckets = new Map<number, RollupRow>()));
      buckets.set(r.bucket, r);
      let brandTotals = totals.get(r.brandId);
      if (!brandTotals) totals.set(r.brandId, (brandTotals = new Map<number, BucketInput>()));
      const sum = brandTotals.get(r.bucket);
      if (sum) addInput(sum, r);
      else {
        brandTotals.set(r.bucket, {
          count: r.count,
          negativeCount: r.negativeCount,
          reach: r.reach,
          negativeWeight: r.negativeWeight,
        });
      }
    };
    for (const r of rollups) if (brands.has(r.brandId)) addRow(r);
    // A brand seen for the first time learns its history first (up to `historyMinutes`), so its detectors are warm
    // from the start (a brand created over an imported backlog, a demo with a simulated past); its fires in that
    // history are learnt, not raised. A few brands per run; the others wait for the next runs.
    const newBrands = new Set(
      [...byBrand.keys()]
        .filter((id) => !cache.series.has(keyOf(id, 'all')))
        .slice(0, this.o.bootstrapBrandsPerRun),
    );
    const historyStart = lastComplete - (this.o.historyMinutes - 1) * MINUTE;
    for (const brandId of newBrands) {
      if (historyStart >= from) break;
      const history = await this.deps.detection.rollups(
        workspaceId,
        new Date(historyStart),
        new Date(from),
        brandId,
      );
      history.forEach(addRow);
    }
    // New series start at their first bucket with mentions.
    const created = new Set<SeriesEntry>();
    for (const [brandId, platforms] of byBrand) {
      const isNewBrand = !cache.series.has(keyOf(brandId, 'all'));
      if (isNewBrand && !newBrands.has(brandId)) continue;
      const first = (buckets: Iterable<number>) => Math.min(...buckets);
      if (isNewBrand) {
        created.add(this.addSeries(cache, brandId, 'all', first(totals.get(brandId)!.keys()), false));
      }
      for (const [platform, buckets] of platforms) {
        if (!cache.series.has(keyOf(brandId, platform))) {
          created.add(this.addSeries(cache, brandId, platform, first(buckets.keys()), true));
        }
      }
    }

    const fired = new Map<string, DetectionInput[]>();
    const openChanged = new Set<string>();
    const traceFrom = lastComplete + MINUTE;
    for (const entry of cache.series.values()) {
      const brandName = brands.get(entry.brandId);
      if (brandName === undefined) continue;
      report.series += 1;
      const isAll = entry.seriesKey === 'all';
      const buckets = isAll ? totals.get(entry.brandId) : byBrand.get(entry.brandId)?.get(entry.seriesKey);
      // New series start from their first bucket (history included); the others from the run's first bucket.
      const isNew = created.has(entry);
      const start = isNew ? entry.state.lastBucket + MINUTE : Math.max(entry.state.lastBucket + MINUTE, from);
      // Late mentions of buckets this series already evaluated count into its first bucket of this run.
      const lateInput = isNew
        ? undefined
        : isAll
          ? late.get(keyOf(entry.brandId, '*'))
          : late.get(keyOf(entry.brandId, entry.seriesKey));
      for (let b = start; b <= lastComplete; b += MINUTE) {
        const row = buckets?.get(b);
        let input: BucketInput = row ?? zero;
        if (lateInput && b === start) input = maxInput(row ?? zero, lateInput);
        // Buckets older than the chart trace keeps (a replay, a new brand's history) skip the trace.
        const step = stepSeries(entry.state, b, input, b > traceFrom - entry.state.traceLength * MINUTE);
        report.updates += 1;
        if (b < from) continue;
        for (const fire of step.fires) {
          const platform = isAll ? null : (entry.seriesKey as Platform);
          const reading: SignalMetricReading = {
            metric: fire.metric,
            platform,
            t: new Date(fire.t).toISOString(),
            observed: fire.observed,
            expected: fire.expected,
            lower: fire.lower,
            upper: fire.upper,
            score: Math.min(1, Math.max(0, fire.score)),
            zScore: fire.zScore,
            severity: fire.severity,
          };
          const series: SignalSeries = {
            metric: fire.metric,
            platform,
            bucketSeconds: 60,
            points: traceOf(entry.state, fire.metric).map(toPoint),
          };
          const list = fired.get(entry.brandId) ?? [];
          list.push({
            detection: {
              brandId: entry.brandId,
              kind: 'spike',
              seriesKey: entry.seriesKey,
              metric: fire.metric,
              platform,
              t: fire.t,
              score: reading.score,
              severity: fire.severity,
              isOnset: fire.isOnset,
              summary: readingSentence(brandName, reading),
            },
            reading,
            series,
          });
          fired.set(entry.brandId, list);
          report.fires += 1;
        }
      }
      entry.dirty ||= start <= lastComplete;
      const open = isEpisodeOpen(entry.state);
      if (open !== entry.wasOpen) openChanged.add(keyOf(entry.brandId, entry.seriesKey));
      entry.wasOpen = open;
    }
    // The buckets evaluated now, as they were, for the next runs' late-mention check.
    if (horizon > 0) {
      const perBucket = new Map<number, RollupRow[]>();
      for (let b = Math.max(from, lastComplete - (horizon - 1) * MINUTE); b <= lastComplete; b += MINUTE) {
        perBucket.set(b, []);
      }
      for (const r of rollups) perBucket.get(r.bucket)?.push(r);
      for (const [b, rows] of perBucket) cache.evaluated.set(b, evaluatedBucket(rows));
      for (const b of cache.evaluated.keys()) {
        if (b < lastComplete - (horizon - 1) * MINUTE) cache.evaluated.delete(b);
      }
    }
    report.timings.detect = performance.now() - detectStarted;

    // ---- high-reach posts and narratives (mentions of the new buckets only) ----
    const scanFrom = Math.max(cursorBucket === null ? from : cursorBucket + MINUTE, from);
    await this.scanHighReach(workspaceId, brands, new Date(scanFrom), new Date(to), now, fired);
    const narrativeScanAt = await this.scanNarratives(
      workspaceId,
      cache,
      brands,
      cursor?.narrativeScanAt?.getTime() ?? scanFrom,
      to,
      fired,
    );

    // ---- signals ----
    const signalsStarted = performance.now();
    try {
      if (fired.size > 0) {
        const batches: BrandDetections[] = [...fired].map(([brandId, detections]) => ({
          brandId,
          brandName: brands.get(brandId)!,
          detections,
          platformWindows: this.platformWindows(cache, brandId, byBrand.get(brandId), lastComplete),
          narrativeBaseline: cache.narratives.get(brandId)?.baseline ?? null,
        }));
        const outcome = await this.deps.signals.recordDetections(workspaceId, batches);
        report.opened = outcome.opened;
        report.updated = outcome.updated;
        report.notified = outcome.notified;
      }
      await this.deps.signals.extendCharts(
        workspaceId,
        this.liveTraces(cache, lastComplete),
        new Date(now.getTime() - 6 * 3_600_000),
      );
    } catch (error) {
      // The detectors moved on but their fires were not all recorded: forget them, so the next run reloads the
      // checkpoints and replays these buckets (fires already recorded are skipped).
      this.cache.delete(workspaceId);
      throw error;
    }
    report.timings.signals = performance.now() - signalsStarted;

    // ---- checkpoint ----
    const saveStarted = performance.now();
    const minuteIndex = Math.floor(lastComplete / MINUTE);
    const every = this.o.checkpointEveryMinutes;
    const toSave: StateRow[] = [];
    const savedEntries: SeriesEntry[] = [];
    for (const entry of cache.series.values()) {
      if (!entry.dirty) continue;
      const key = keyOf(entry.brandId, entry.seriesKey);
      // Staggered: each series in its own minute of the period, so a minute writes about 1/period of them
      // (a new series too: until its first checkpoint, a restart rebuilds it from the rollups it replays).
      const due =
        fired.has(entry.brandId) ||
        openChanged.has(key) ||
        (minuteIndex + hashOf(key)) % every === 0 ||
        entry.state.lastBucket - (entry.savedBucket ?? entry.state.lastBucket) >= 2 * every * MINUTE;
      if (!due) continue;
      toSave.push(checkpointOf(entry));
      savedEntries.push(entry);
    }
    for (const [brandId, n] of cache.narratives) {
      if (!n.dirty) continue;
      const due = n.savedAt === null || (minuteIndex + hashOf(brandId)) % (every * 2) === 0;
      if (!due) continue;
      toSave.push({ brandId, seriesKey: NARRATIVE_KEY, lastBucket: lastComplete, state: n.baseline });
      n.dirty = false;
      n.savedAt = lastComplete;
    }
    await this.deps.detection.saveStates(workspaceId, toSave);
    for (const entry of savedEntries) {
      entry.savedBucket = entry.state.lastBucket;
      entry.dirty = false;
    }
    report.statesSaved = toSave.length;
    const token = randomUUID();
    await this.deps.detection.saveCursor({
      workspaceId,
      lastBucket: new Date(lastComplete),
      mentionScanAt: new Date(to),
      narrativeScanAt: new Date(narrativeScanAt),
      runToken: token,
    });
    cache.token = token;
    report.timings.save = performance.now() - saveStarted;
    return this.finish(report, started);
  }

  private finish(report: DetectionReport, started: number): DetectionReport {
    report.timings.total = performance.now() - started;
    return report;
  }

  private addSeries(
    cache: WorkspaceCache,
    brandId: string,
    seriesKey: string,
    firstBucket: number,
    isPlatform: boolean,
  ): SeriesEntry {
    const entry: SeriesEntry = {
      brandId,
      seriesKey,
      state: createSeriesState(firstBucket, {
        ...(this.o.warmupHours !== undefined ? { warmupHours: this.o.warmupHours } : {}),
        ...(isPlatform
          ? { thresholds: this.o.platformThresholds, derivedThresholds: VERY_STRICT_SEVERITY_THRESHOLDS }
          : {}),
      }),
      savedBucket: null,
      dirty: true,
      wasOpen: false,
    };
    cache.series.set(keyOf(brandId, seriesKey), entry);
    return entry;
  }

  private async load(workspaceId: string): Promise<WorkspaceCache> {
    const cache: WorkspaceCache = {
      token: null,
      series: new Map(),
      narratives: new Map(),
      evaluated: new Map(),
    };
    for (const row of await this.deps.detection.loadStates(workspaceId)) {
      if (row.seriesKey === NARRATIVE_KEY) {
        cache.narratives.set(row.brandId, {
          baseline: row.state as NarrativeBaseline,
          dirty: false,
          savedAt: row.lastBucket,
        });
      } else if (isSeriesState(row.state)) {
        cache.series.set(keyOf(row.brandId, row.seriesKey), {
          brandId: row.brandId,
          seriesKey: row.seriesKey,
          state: row.state,
          savedBucket: row.lastBucket,
          dirty: false,
          wasOpen: isEpisodeOpen(row.state),
        });
      }
    }
    return cache;
  }

  /**
   * Late mentions: the evaluated buckets whose checksum changed since they were evaluated are read again, and the
   * late part of each brand × platform series (and of each brand, key `brand|*`) is returned: what its grown buckets
   * gained, per grown bucket (a late burst in one minute counts whole; a backfill of several recent minutes counts
   * as one minute at its rate, never piled into one). The series' next evaluated bucket takes the larger of its own
   * value and this. Buckets this process has not evaluated (after a restart) are only recorded.
   */
  private async lateIncreases(
    workspaceId: string,
    cache: WorkspaceCache,
    checks: ReadonlyMap<number, { count: number; negativeCount: number; rows: number }>,
    report: DetectionReport,
  ): Promise<Map<string, BucketInput>> {
    const late = new Map<string, BucketInput>();
    const grownBuckets = new Map<string, number>();
    const changed = new Set<number>();
    const unknown = new Set<number>();
    for (const [bucket, check] of checks) {
      const known = cache.evaluated.get(bucket);
      if (!known) unknown.add(bucket);
      else if (
        known.count !== check.count ||
        known.negativeCount !== check.negativeCount ||
        known.n !== check.rows
      ) {
        changed.add(bucket);
      }
    }
    if (changed.size === 0 && unknown.size === 0) return late;
    const brandsGrown = new Set<string>();
    const wanted = [...changed, ...unknown];
    const rows = await this.deps.detection.rollups(
      workspaceId,
      new Date(Math.min(...wanted)),
      new Date(Math.max(...wanted) + MINUTE),
    );
    const perBucket = new Map<number, RollupRow[]>(wanted.map((b) => [b, []]));
    for (const r of rows) perBucket.get(r.bucket)?.push(r);
    for (const [bucket, list] of perBucket) {
      const now = evaluatedBucket(list);
      const before = cache.evaluated.get(bucket);
      cache.evaluated.set(bucket, now);
      if (!before || !changed.has(bucket)) continue;
      let grew = false;
      for (const [key, r] of now.rows) {
        const was = before.rows.get(key);
        const increase: BucketInput = {
          count: Math.max(0, r.count - (was?.count ?? 0)),
          negativeCount: Math.max(0, r.negativeCount - (was?.negativeCount ?? 0)),
          reach: Math.max(0, r.reach - (was?.reach ?? 0)),
          negativeWeight: Math.max(0, r.negativeWeight - (was?.negativeWeight ?? 0)),
        };
        if (increase.count === 0 && increase.negativeCount === 0) continue;
        grew = true;
        report.late.mentions += increase.count;
        for (const k of [key, keyOf(r.brandId, '*')]) {
          let sum = late.get(k);
          if (!sum) late.set(k, (sum = { ...zero }));
          addInput(sum, increase);
        }
        grownBuckets.set(key, (grownBuckets.get(key) ?? 0) + 1);
        brandsGrown.add(r.brandId);
      }
      for (const brandId of brandsGrown) {
        const k = keyOf(brandId, '*');
        grownBuckets.set(k, (grownBuckets.get(k) ?? 0) + 1);
      }
      brandsGrown.clear();
      if (grew) report.late.buckets += 1;
    }
    for (const [k, sum] of late) {
      const n = grownBuckets.get(k) ?? 1;
      sum.count = Math.round(sum.count / n);
      sum.negativeCount = Math.round(sum.negativeCount / n);
      sum.reach /= n;
      sum.negativeWeight /= n;
    }
    return late;
  }

  private async scanHighReach(
    workspaceId: string,
    brands: ReadonlyMap<string, string>,
    from: Date,
    to: Date,
    now: Date,
    fired: Map<string, DetectionInput[]>,
  ): Promise<void> {
    if (to.getTime() <= from.getTime()) return;
    const o = this.o.highReach ?? {};
    const candidates = await this.deps.detection.highReachCandidates(
      workspaceId,
      from,
      to,
      o.minNegativeReach ?? 1_000_000,
      o.minEngagement ?? 500,
    );
    if (candidates.length === 0) return;
    const byId = new Map(candidates.map((m) => [m.id, m]));
    const hits = findHighReachPosts(
      candidates.map((m) => ({
        id: m.id,
        followers: m.authorFollowers,
        reach: m.reach,
        negative: m.sentimentLabel === 'negative',
        likes: m.likes,
        reposts: m.reposts,
        replies: m.replies,
        createdAtMs: m.createdAt.getTime(),
      })),
      now.getTime(),
      o,
    );
    for (const hit of hits) {
      const m = byId.get(hit.id)!;
      const t = Math.floor(m.createdAt.getTime() / MINUTE) * MINUTE;
      for (const brandId of m.brandIds) {
        const brandName = brands.get(brandId);
        if (brandName === undefined) continue;
        const list = fired.get(brandId) ?? [];
        list.push({
          detection: {
            brandId,
            kind: 'high_reach',
            seriesKey: `post:${m.id}`,
            metric: 'post',
            platform: m.platform,
            t,
            score: hit.score,
            severity: hit.severity,
            isOnset: true,
            summary: highReachSummary(brandName, m, hit.reason, hit.engagement),
          },
          flaggedPosts: new Map<string, SignalPost['reason']>([[m.id, hit.reason]]),
        });
        fired.set(brandId, list);
      }
    }
  }

  /** Every few minutes: the mentions since the last scan against each brand's narrative baseline, then learnt. */
  private async scanNarratives(
    workspaceId: string,
    cache: WorkspaceCache,
    brands: ReadonlyMap<string, string>,
    lastScan: number,
    to: number,
    fired: Map<string, DetectionInput[]>,
  ): Promise<number> {
    const period = this.o.narrativeEveryMinutes * MINUTE;
    if (to - lastScan < period) return lastScan;
    const from = Math.max(lastScan, to - 12 * period);
    const minutes = (to - from) / MINUTE;
    const mentions = await this.deps.detection.mentionsCreated(
      workspaceId,
      new Date(from),
      new Date(to),
      20_000,
    );
    const perBrand = new Map<string, MentionRow[]>();
    for (const m of mentions) {
      for (const brandId of m.brandIds) {
        if (!brands.has(brandId)) continue;
        const list = perBrand.get(brandId) ?? [];
        list.push(m);
        perBrand.set(brandId, list);
      }
    }
    for (const brandId of brands.keys()) {
      const posts = (perBrand.get(brandId) ?? []).map((m) => ({
        id: m.id,
        text: m.text,
        author: m.authorHandle,
        platform: m.platform,
      }));
      let entry = cache.narratives.get(brandId);
      if (!entry) {
        if (posts.length === 0) continue;
        entry = { baseline: createNarrativeBaseline(), dirty: true, savedAt: null };
        cache.narratives.set(brandId, entry);
        // A new baseline learns the brand's recent history first, so its first scans can already compare.
        const historyMinutes = this.o.narrativeHistoryMinutes;
        const history = await this.deps.detection.brandMentions(
          workspaceId,
          brandId,
          new Date(from - historyMinutes * MINUTE),
          new Date(from),
          20_000,
          true,
        );
        if (history.length > 0) {
          const first = Math.floor(history[0]!.createdAt.getTime() / MINUTE) * MINUTE;
          learnNarratives(
            entry.baseline,
            history.map((m) => ({ id: m.id, text: m.text, author: m.authorHandle, platform: m.platform })),
            Math.max(1, (from - first) / MINUTE),
            this.o.narrative,
          );
        }
      }
      const scan = scanNarratives(entry.baseline, posts, this.o.narrative);
      const severity = narrativeSeverity(scan);
      if (severity) {
        const brandName = brands.get(brandId)!;
        const top = scan.terms[0];
        const cluster = scan.clusters[0];
        const summary = cluster
          ? `${cluster.size} near-identical posts about ${brandName} by ${cluster.distinctAuthors} authors in ${minutes} min (×${cluster.ratio.toFixed(1)} their usual share).`
          : `“${top!.term}” appears in ${top!.count} mentions of ${brandName} in ${minutes} min, ×${top!.ratio.toFixed(1)} its usual share.`;
        const list = fired.get(brandId) ?? [];
        list.push({
          detection: {
            brandId,
            kind: 'narrative',
            seriesKey: NARRATIVE_KEY,
            metric: 'narrative',
            platform: null,
            t: to - MINUTE,
            score: Math.min(1, 0.7 + 0.05 * Math.log2(Math.max(top?.ratio ?? 1, cluster?.ratio ?? 1))),
            severity,
            isOnset: true,
            summary,
          },
          terms: scan.terms.slice(0, 10).map((t) => ({
            term: t.term,
            kind: t.kind,
            count: t.count,
            expected: Math.round(t.expected * 100) / 100,
            ratio: Math.round(t.ratio * 100) / 100,
          })),
          clusters: scan.clusters.slice(0, 5).map((c) => ({
            text: c.text.slice(0, 1000),
            size: c.size,
            distinctAuthors: c.distinctAuthors,
            platforms: c.platforms as Platform[],
            mentionIds: c.mentionIds,
          })),
        });
        fired.set(brandId, list);
      }
      learnNarratives(entry.baseline, posts, minutes, this.o.narrative);
      entry.dirty = true;
    }
    return to;
  }

  /** Per platform over the explanation window: mentions, negatives, and what the volume baseline expected. */
  private platformWindows(
    cache: WorkspaceCache,
    brandId: string,
    platforms: Map<string, Map<number, RollupRow>> | undefined,
    lastComplete: number,
  ): PlatformWindow[] {
    const since = lastComplete - (this.o.explanationWindowMinutes - 1) * MINUTE;
    const out: PlatformWindow[] = [];
    for (const [platform, buckets] of platforms ?? new Map<string, Map<number, RollupRow>>()) {
      let count = 0;
      let negativeCount = 0;
      for (const [b, r] of buckets) {
        if (b < since) continue;
        count += r.count;
        negativeCount += r.negativeCount;
      }
      const entry = cache.series.get(keyOf(brandId, platform));
      const trace = entry ? traceOf(entry.state, 'volume').filter((p) => p.t >= since) : [];
      out.push({
        platform: platform as Platform,
        count,
        negativeCount,
        expected: trace.length > 0 ? trace.reduce((s, p) => s + p.expected, 0) : null,
      });
    }
    return out;
  }

  /** The latest trace points of a series and metric (`brand|series|metric`), for live signal charts. */
  private liveTraces(
    cache: WorkspaceCache,
    lastComplete: number,
  ): (key: string) => SignalSeriesPoint[] | undefined {
    const recent = lastComplete - 30 * MINUTE;
    return (key) => {
      const [brandId, seriesKey, metric] = key.split('|');
      const entry = cache.series.get(keyOf(brandId!, seriesKey!));
      const known = seriesMetrics.find((m) => m === metric);
      if (!entry || !known) return undefined;
      return traceOf(entry.state, known)
        .filter((p) => p.t > recent)
        .map(toPoint);
    };
  }
}

function highReachSummary(
  brandName: string,
  m: MentionRow,
  reason: 'high_reach_negative' | 'fast_engagement',
  engagement: number,
): string {
  const who = `@${m.authorHandle.replace(/^@/, '')}${m.authorFollowers ? ` (${formatFigure(m.authorFollowers)} followers)` : ''}`;
  return reason === 'high_reach_negative'
    ? `Negative post about ${brandName} by ${who} on ${platformName(m.platform)}, reaching about ${formatFigure(m.reach)} people.`
    : `Post about ${brandName} by ${who} on ${platformName(m.platform)} gathering engagement fast (${formatFigure(engagement)} interactions).`;
}
