// One brand (or brand × platform) series of per-minute rollups, followed by four streaming detectors (mention
// volume, negative share, reach-weighted negativity, acceleration), each with its episode rule, plus a short trace
// of recent buckets for the signal chart. Pure and JSON-safe: the detection service checkpoints it per series.
import type { SignalMetric } from '../../../../contracts';
import {
  createDetectorState,
  type DetectorOptions,
  type DetectorState,
  updateDetector,
} from '../detection/seasonal-detector';
import {
  createEpisodeState,
  DEFAULT_SEVERITY_THRESHOLDS,
  type EpisodeState,
  type Severity,
  stepEpisode,
} from '../detection/episode';

export const seriesMetrics = ['volume', 'negative_share', 'negative_reach', 'acceleration'] as const;

/** The rollup of one bucket of one series. */
export interface BucketInput {
  count: number;
  negativeCount: number;
  reach: number;
  /** Reach-weighted negativity: Σ log10(1 + reach) over the bucket's negative mentions. */
  negativeWeight: number;
}

export interface SeriesOptions {
  bucketSeconds?: number;
  /** Detector warm-up override (hours), e.g. shorter in tests. */
  warmupHours?: number;
  /** Severity thresholds of the episode rule for volume and reach-weighted negativity… */
  thresholds?: Readonly<Record<Severity, number>>;
  /** …and for negative share and acceleration. */
  derivedThresholds?: Readonly<Record<Severity, number>>;
  /** Buckets in the trace kept for the chart. */
  traceLength?: number;
}

/**
 * Stricter thresholds for the brand × platform series: a brand has up to ten of them next to its brand-wide series,
 * so each must be rarer to keep false signals per brand low (a Bonferroni-like correction).
 */
export const PLATFORM_SEVERITY_THRESHOLDS: Readonly<Record<Severity, number>> = {
  low: 0.9,
  medium: 0.98,
  high: 0.995,
  critical: 0.999,
};

/**
 * Thresholds of the derived metrics (negative share, acceleration): their noise depends on the volume of the moment,
 * which the detector's single variance cannot follow through the day, and volume already catches blow-ups; so
 * they must be far out before they count. `VERY_STRICT` applies to them on brand × platform series.
 */
export const DERIVED_SEVERITY_THRESHOLDS: Readonly<Record<Severity, number>> = {
  low: 0.9,
  medium: 0.98,
  high: 0.995,
  critical: 0.999,
};
export const VERY_STRICT_SEVERITY_THRESHOLDS: Readonly<Record<Severity, number>> = {
  low: 0.98,
  medium: 0.995,
  high: 0.999,
  critical: 0.9999,
};

/** Windows (in buckets) of the derived metrics. */
const SHARE_WINDOW = 5;
const SHARE_MIN_COUNT = 20;
/**
 * Acceleration is the growth of the last few buckets against the ones before, standardised on the square-root
 * scale (near-Gaussian at any volume), shifted by OFFSET to stay non-negative as the detector needs.
 */
const ACCEL_OFFSET = 10;
const ACCEL_SHORT = 3;
const ACCEL_LONG = 12;
const DEFAULT_TRACE = 30;

/** A trace point: [t ms, observed, expected, lower, upper, score], observed null for a missing bucket. */
export type TracePoint = [number, number | null, number, number, number, number];

export interface SeriesState {
  v: 1;
  /** Start of the last bucket learned (epoch ms). */
  lastBucket: number;
  bucketSeconds: number;
  detectors: Record<SignalMetric, DetectorState>;
  episodes: Record<SignalMetric, EpisodeState>;
  /** Recent counts (oldest first) for the derived metrics. */
  recentCounts: number[];
  recentNegatives: number[];
  trace: Record<SignalMetric, TracePoint[]>;
  traceLength: number;
}

export interface MetricReading {
  metric: SignalMetric;
  t: number;
  observed: number | null;
  expected: number;
  lower: number;
  upper: number;
  score: number;
  zScore: number;
}

export interface SeriesFire extends MetricReading {
  observed: number;
  severity: Severity;
  isOnset: boolean;
  isEscalation: boolean;
}

export interface SeriesStep {
  fires: SeriesFire[];
  /** Whether any metric of the series has an open episode after this bucket. */
  episodeOpen: boolean;
}

const detectorOptions: Record<SignalMetric, DetectorOptions> = {
  volume: { noise: 'count' },
  negative_share: { noise: 'continuous' },
  negative_reach: { noise: 'count' },
  acceleration: { noise: 'continuous' },
};

/** A new series whose first bucket will be `firstBucketMs` (the state starts just before it). */
export function createSeriesState(firstBucketMs: number, options: SeriesOptions = {}): SeriesState {
  const bucketSeconds = options.bucketSeconds ?? 60;
  const detectors = {} as Record<SignalMetric, DetectorState>;
  const episodes = {} as Record<SignalMetric, EpisodeState>;
  const trace = {} as Record<SignalMetric, TracePoint[]>;
  for (const metric of seriesMetrics) {
    detectors[metric] = createDetectorState({
      ...detectorOptions[metric],
      bucketSeconds,
      ...(options.warmupHours !== undefined ? { warmupHours: options.warmupHours } : {}),
    });
    const derived = metric === 'negative_share' || metric === 'acceleration';
    episodes[metric] = createEpisodeState({
      thresholds: derived
        ? (options.derivedThresholds ?? DERIVED_SEVERITY_THRESHOLDS)
        : (options.thresholds ?? DEFAULT_SEVERITY_THRESHOLDS),
    });
    trace[metric] = [];
  }
  return {
    v: 1,
    lastBucket: firstBucketMs - bucketSeconds * 1000,
    bucketSeconds,
    detectors,
    episodes,
    recentCounts: [],
    recentNegatives: [],
    trace,
    traceLength: options.traceLength ?? DEFAULT_TRACE,
  };
}

function push(list: number[], value: number, keep: number): void {
  list.push(value);
  // shift() drops the oldest without allocating the removed-elements array that splice() returns.
  while (list.length > keep) list.shift();
}

function sumLast(list: readonly number[], n: number, skip = 0): number {
  let total = 0;
  const end = list.length - skip;
  for (let i = Math.max(0, end - n); i < end; i += 1) total += list[i]!;
  return total;
}

/** The values the four detectors see for this bucket (null: not enough data to say). */
export function metricValues(state: SeriesState, weight: number): Record<SignalMetric, number | null> {
  const counts = state.recentCounts;
  const shareCount = sumLast(counts, SHARE_WINDOW);
  const shareNegatives = sumLast(state.recentNegatives, SHARE_WINDOW);
  const longWindow = Math.min(ACCEL_LONG, counts.length - ACCEL_SHORT);
  return {
    volume: counts.length > 0 ? counts[counts.length - 1]! : null,
    // The share over the last few buckets, once there are enough mentions for it to mean something.
    negative_share: shareCount >= SHARE_MIN_COUNT ? shareNegatives / shareCount : null,
    // Each negative mention weighted by the order of magnitude of its audience (log10(1 + reach)): follows the
    // negative attention without the heavy tail of raw reach (one big author is the high-reach alert's job).
    // Count-like, so it takes the count noise model.
    negative_reach: weight,
    // Growth of the short-term count against what the rate just before it predicts, as an Anscombe z-score.
    acceleration:
      longWindow >= ACCEL_LONG
        ? Math.max(
            0,
            ACCEL_OFFSET +
              2 *
                (Math.sqrt(sumLast(counts, ACCEL_SHORT) + 0.375) -
                  Math.sqrt((sumLast(counts, ACCEL_LONG, ACCEL_SHORT) * ACCEL_SHORT) / ACCEL_LONG + 0.125)),
          )
        : null,
  };
}

/** About four significant digits, cheaply (toPrecision is slow on the hot path). */
function round4(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x);
  if (a >= 1) return Math.round(x * 1000) / 1000;
  return Math.round(x * 1e6) / 1e6;
}

/** Values on the scale people read (acceleration as its z-score of growth). */
export function presentValue(metric: SignalMetric, value: number): number {
  return metric === 'acceleration' ? value - ACCEL_OFFSET : value;
}

/**
 * Feeds one bucket (its start `bucketMs`, after the last one) to every detector and episode rule of the series.
 * Mutates `state`; returns the fires (onset or escalation to a new severity) and whether an episode is open.
 * `trace: false` leaves the chart trace alone (a replay of buckets older than the trace keeps: same scores).
 */
export function stepSeries(
  state: SeriesState,
  bucketMs: number,
  input: BucketInput,
  trace = true,
): SeriesStep {
  if (bucketMs <= state.lastBucket) {
    throw new RangeError(`bucket ${bucketMs} is not after the series' last bucket (${state.lastBucket})`);
  }
  state.lastBucket = bucketMs;
  const keep = ACCEL_SHORT + ACCEL_LONG;
  push(state.recentCounts, input.count, keep);
  push(state.recentNegatives, input.negativeCount, keep);
  const values = metricValues(state, input.negativeWeight);
  const fires: SeriesFire[] = [];
  let episodeOpen = false;
  for (const metric of seriesMetrics) {
    const value = values[metric];
    const result = updateDetector(state.detectors[metric], bucketMs, value);
    const step = stepEpisode(state.episodes[metric], result.score);
    episodeOpen ||= step.episodeOpen;
    const observed = value === null ? null : presentValue(metric, value);
    const points = state.trace[metric];
    // The trace is for the chart only (not model state): four significant digits keep checkpoints small.
    if (trace) {
      points.push([
        bucketMs,
        observed === null ? null : round4(observed),
        round4(presentValue(metric, result.expected)),
        round4(presentValue(metric, result.lower)),
        round4(presentValue(metric, result.upper)),
        round4(result.score),
      ]);
    }
    while (points.length > state.traceLength) points.shift();
    if (step.fired && step.severity !== null && observed !== null) {
      fires.push({
        metric,
        t: bucketMs,
        observed,
        expected: presentValue(metric, result.expected),
        lower: presentValue(metric, result.lower),
        upper: presentValue(metric, result.upper),
        score: result.score,
        zScore: result.zScore,
        severity: step.severity,
        isOnset: step.isOnset,
        isEscalation: step.isEscalation,
      });
    }
  }
  return { fires, episodeOpen };
}

/** Whether any metric of the series is in an open episode. */
export function isEpisodeOpen(state: SeriesState): boolean {
  return seriesMetrics.some((m) => state.episodes[m].isOpen);
}

/** The trace of one metric as chart points (oldest first). */
export function traceOf(
  state: SeriesState,
  metric: SignalMetric,
): { t: number; observed: number | null; expected: number; lower: number; upper: number; score: number }[] {
  return state.trace[metric].map(([t, observed, expected, lower, upper, score]) => ({
    t,
    observed,
    expected,
    lower,
    upper,
    score,
  }));
}
