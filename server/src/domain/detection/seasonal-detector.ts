// A causal streaming anomaly detector for a regularly bucketed, non-negative series (mention counts per minute,
// negative share, reach-weighted negativity). Pure: no I/O, no clock, no async. The state is a plain JSON-safe
// object that `updateDetector` mutates in place, so the server can persist it between rollup buckets.
//
// Model (multiplicative): expected = level × daily(time of day) × weekly(time of week).
// - daily and weekly are seasonal profiles over circular slots, read and learned by linear interpolation between
//   slot centres, each slot a shrunk, exponentially forgetting mean of observed ratios;
// - level is an exponentially smoothed deseasonalised value, so the baseline follows a brand's growth;
// - learning uses the value clipped to the expected band, so a spike barely moves the baseline;
// - noise is negative-binomial-like for counts (variance mu + phi·mu², phi learned from the prediction errors,
//   scored on the Anscombe square-root scale, so low volumes don't fire on noise) and Gaussian otherwise;
// - the score squashes max(point z, sustained z) into [0, 1]; the sustained z is an EWMA of point z-scores,
//   which catches slow ramps that no single bucket reveals.

export type NoiseModel = 'auto' | 'count' | 'continuous';
export type Direction = 'up' | 'both';

export interface DetectorOptions {
  /** Bucket length in seconds; inferred from the first two timestamps when left out. */
  bucketSeconds?: number;
  /** 'count' for event counts, 'continuous' for rates or shares, 'auto' = count while every value seen is an integer. */
  noise?: NoiseModel;
  /** 'up' (default) scores only rises, which is what a crisis looks like; 'both' scores drops too. */
  direction?: Direction;
  /** Half-life of the level, in hours: how fast the baseline follows growth. */
  levelHalfLifeHours?: number;
  /** Memory of the daily profile, in days. */
  dailyMemoryDays?: number;
  /** Memory of the weekly profile, in weeks. */
  weeklyMemoryWeeks?: number;
  /** Memory of the noise estimate, in days. */
  noiseMemoryDays?: number;
  /** History needed before scores count fully, in hours; default 24 when the daily profile is used. */
  warmupHours?: number;
}

interface ResolvedOptions {
  bucketSeconds: number | null;
  noise: NoiseModel;
  direction: Direction;
  levelHalfLifeHours: number;
  dailyMemoryDays: number;
  weeklyMemoryWeeks: number;
  noiseMemoryDays: number;
  warmupHours: number | null;
}

/** One seasonal profile: `slots` circular slots over `periodSeconds`. */
interface Profile {
  periodSeconds: number;
  slots: number;
  /** Forgetting per unit of weight, as a logarithm (≤ 0). */
  logDecay: number;
  /** Pseudo-weight pulling each slot towards 1 (no seasonality) until it has evidence. */
  prior: number;
  /** Forgetting sums of observed ratios and of their weights; a slot's factor is derived from both. */
  sum: number[];
  weight: number[];
  /** Running sum of all slot factors (for normalising to mean 1). */
  factorSum: number;
}

export interface DetectorState {
  version: 1;
  options: ResolvedOptions;
  /** Set from the options or inferred at the second observation; fixed afterwards. */
  bucketSeconds: number | null;
  firstTimestamp: number | null;
  lastTimestamp: number | null;
  observations: number;
  /** True while every value seen is a non-negative integer (drives the 'auto' noise model). */
  isIntegerSeries: boolean;
  level: number;
  daily: Profile | null;
  weekly: Profile | null;
  /** Count noise: EWMA sums of (residual² − mu) and mu², so phi = excess / scale. */
  excessSum: number;
  excessScale: number;
  /** Continuous noise: EWMA of squared residuals and its weight. */
  squaredErrorSum: number;
  squaredErrorWeight: number;
  /** EWMA of recent point z-scores (the sustained-rise statistic). */
  sustained: number;
  /**
   * Learned variance of `sustained`: prediction errors are autocorrelated (a busy day, a slow drift), so the
   * EWMA's spread is estimated from the series itself rather than assumed from independent errors.
   */
  sustainedSquaresSum: number;
  sustainedSquaresWeight: number;
  /** How long the current run of out-of-band values has lasted (a persistent shift is learned at full speed). */
  anomalousSeconds: number;
}

export interface DetectorResult {
  /** Anomaly score in [0, 1], from the past and this point only. */
  score: number;
  /** Baseline expectation for this bucket. */
  expected: number;
  /** Baseline band (about ±3 standard deviations on the model's scale). */
  lower: number;
  upper: number;
  /** Point z-score on the noise model's scale (positive = above expected). */
  zScore: number;
  /** Standardised EWMA of recent z-scores. */
  sustainedZ: number;
  /** False until enough history was seen for the score to count fully. */
  isWarm: boolean;
}

const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;
const DAILY_SLOT_SECONDS = 1_800;
const WEEKLY_SLOT_SECONDS = 7_200;
const BAND_Z = 3;
/** Values further than this from the expectation are clipped before learning. */
const LEARN_CLIP_Z = 2.5;
const PERSISTENT_SHIFT_SECONDS = 12 * 3600;
/** Point z-scores entering the sustained EWMA are clipped, so one spike does not masquerade as a trend. */
const SUSTAINED_CLIP_LOW = -3;
const SUSTAINED_CLIP_HIGH = 4;
const SUSTAINED_RATE = 0.15;
const SUSTAINED_SD = Math.sqrt(SUSTAINED_RATE / (2 - SUSTAINED_RATE));
const SUSTAINED_LEARN_CLIP = 2.5;
const SUSTAINED_MARGIN = 2;
/** The score is 0 up to SCORE_Z0 and approaches 1 with scale SCORE_Z_SCALE: 1 − exp(−(z − z0) / scale). */
const SCORE_Z0 = 1.5;
const SCORE_Z_SCALE = 2;
/** Initial overdispersion (phi) and its pseudo-weight, in units of mu². */
const PRIOR_PHI = 0.05;
const PRIOR_RELATIVE_SD = 0.2;
const MIN_FACTOR = 0.02;
const MAX_FACTOR = 50;
const MIN_WARMUP_OBSERVATIONS = 20;

export function createDetectorState(options: DetectorOptions = {}): DetectorState {
  const resolved: ResolvedOptions = {
    bucketSeconds: options.bucketSeconds ?? null,
    noise: options.noise ?? 'auto',
    direction: options.direction ?? 'up',
    levelHalfLifeHours: options.levelHalfLifeHours ?? 6,
    dailyMemoryDays: options.dailyMemoryDays ?? 7,
    weeklyMemoryWeeks: options.weeklyMemoryWeeks ?? 4,
    noiseMemoryDays: options.noiseMemoryDays ?? 2,
    warmupHours: options.warmupHours ?? null,
  };
  if (resolved.bucketSeconds !== null && !(resolved.bucketSeconds > 0)) {
    throw new RangeError('bucketSeconds must be positive');
  }
  const state: DetectorState = {
    version: 1,
    options: resolved,
    bucketSeconds: null,
    firstTimestamp: null,
    lastTimestamp: null,
    observations: 0,
    isIntegerSeries: true,
    level: 0,
    daily: null,
    weekly: null,
    excessSum: 0,
    excessScale: 0,
    squaredErrorSum: 0,
    squaredErrorWeight: 0,
    sustained: 0,
    sustainedSquaresSum: 0,
    sustainedSquaresWeight: 0,
    anomalousSeconds: 0,
  };
  if (resolved.bucketSeconds !== null) setBucket(state, resolved.bucketSeconds);
  return state;
}

/** Sets the bucket size and, from it, which seasonal profiles the series can carry. */
function setBucket(state: DetectorState, bucketSeconds: number): void {
  state.bucketSeconds = bucketSeconds;
  const { dailyMemoryDays, weeklyMemoryWeeks } = state.options;
  // A profile needs at least a few buckets per period; finer slots than the bucket carry no information.
  if (bucketSeconds * 4 <= SECONDS_PER_DAY) {
    const slotSeconds = Math.max(DAILY_SLOT_SECONDS, bucketSeconds);
    state.daily = createProfile(SECONDS_PER_DAY, slotSeconds, bucketSeconds, dailyMemoryDays, 0.25);
  }
  if (bucketSeconds * 4 <= SECONDS_PER_WEEK) {
    const slotSeconds = Math.max(WEEKLY_SLOT_SECONDS, bucketSeconds);
    state.weekly = createProfile(SECONDS_PER_WEEK, slotSeconds, bucketSeconds, weeklyMemoryWeeks, 0.75);
  }
}

function createProfile(
  periodSeconds: number,
  slotSeconds: number,
  bucketSeconds: number,
  memoryPeriods: number,
  priorPeriods: number,
): Profile {
  const slots = Math.max(1, Math.round(periodSeconds / slotSeconds));
  // Each slot receives about this much weight per period (observations are split between two slots).
  const weightPerPeriod = Math.max(1, periodSeconds / slots / bucketSeconds);
  return {
    periodSeconds,
    slots,
    logDecay: -1 / (memoryPeriods * weightPerPeriod),
    prior: priorPeriods * weightPerPeriod,
    sum: new Array<number>(slots).fill(0),
    weight: new Array<number>(slots).fill(0),
    factorSum: slots,
  };
}

/** Slot position of a timestamp: the two neighbouring slot centres and the weight of the second. */
function slotPosition(profile: Profile, timestampMs: number): { first: number; second: number; w: number } {
  const seconds = timestampMs / 1000;
  const phase =
    (((seconds % profile.periodSeconds) + profile.periodSeconds) % profile.periodSeconds) /
    profile.periodSeconds;
  const position = phase * profile.slots - 0.5;
  const floor = Math.floor(position);
  const w = position - floor;
  const first = (floor + profile.slots) % profile.slots;
  return { first, second: (first + 1) % profile.slots, w };
}

/** The profile's normalised factor (mean 1 over the period) at a timestamp. */
function profileFactor(profile: Profile | null, timestampMs: number): number {
  if (profile === null) return 1;
  const { first, second, w } = slotPosition(profile, timestampMs);
  const raw = slotFactor(profile, first) * (1 - w) + slotFactor(profile, second) * w;
  return (raw * profile.slots) / profile.factorSum;
}

/** A slot's factor: the mean observed ratio, shrunk towards 1 while evidence is thin. */
function slotFactor(profile: Profile, slot: number): number {
  const sum = profile.sum[slot] ?? 0;
  const weight = profile.weight[slot] ?? 0;
  return clamp((sum + profile.prior) / (weight + profile.prior), MIN_FACTOR, MAX_FACTOR);
}

function learnSlot(profile: Profile, slot: number, weight: number, ratio: number): void {
  if (weight <= 0) return;
  const decay = Math.exp(profile.logDecay * weight);
  const sum = (profile.sum[slot] ?? 0) * decay + weight * ratio;
  const totalWeight = (profile.weight[slot] ?? 0) * decay + weight;
  const old = slotFactor(profile, slot);
  profile.sum[slot] = sum;
  profile.weight[slot] = totalWeight;
  profile.factorSum += slotFactor(profile, slot) - old;
}

function learnProfile(
  profile: Profile | null,
  timestampMs: number,
  ratio: number,
  influence: number,
  observations: number,
): void {
  if (profile === null) return;
  const { first, second, w } = slotPosition(profile, timestampMs);
  learnSlot(profile, first, (1 - w) * influence, ratio);
  learnSlot(profile, second, w * influence, ratio);
  // The running sum drifts by rounding; recompute it now and then (on a schedule the state itself determines).
  if (observations % 4096 === 0) {
    let total = 0;
    for (let slot = 0; slot < profile.slots; slot += 1) total += slotFactor(profile, slot);
    profile.factorSum = total;
  }
}

function clamp(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}

function isCountModel(state: DetectorState): boolean {
  const { noise } = state.options;
  return noise === 'count' || (noise === 'auto' && state.isIntegerSeries);
}

/** Overdispersion phi of the count model: variance = mu + phi·mu². */
function overdispersion(state: DetectorState, mu: number): number {
  const priorScale = Math.max(mu * mu, 1) * 10;
  return Math.max(0, (state.excessSum + PRIOR_PHI * priorScale) / (state.excessScale + priorScale));
}

function continuousVariance(state: DetectorState, mu: number): number {
  const prior = (PRIOR_RELATIVE_SD * Math.max(mu, state.level)) ** 2;
  const priorWeight = 5;
  const variance = (state.squaredErrorSum + prior * priorWeight) / (state.squaredErrorWeight + priorWeight);
  return Math.max(variance, 1e-12 + (1e-6 * mu) ** 2);
}

interface NoiseView {
  z: number;
  lower: number;
  upper: number;
  clipLow: number;
  clipHigh: number;
}

function noiseView(state: DetectorState, mu: number, value: number): NoiseView {
  if (isCountModel(state)) {
    // Anscombe's transform: 2·sqrt(x + 3/8) has variance ≈ 1 for Poisson counts; the negative binomial's
    // extra variance (1 + phi·mu) scales it.
    const spread = Math.sqrt(1 + overdispersion(state, mu) * mu);
    const root = Math.sqrt(mu + 0.125);
    const at = (z: number): number => Math.max(0, (root + (z * spread) / 2) ** 2 - 0.375);
    const z = (2 * (Math.sqrt(value + 0.375) - root)) / spread;
    return {
      z,
      lower: root - (BAND_Z * spread) / 2 > 0 ? at(-BAND_Z) : 0,
      upper: at(BAND_Z),
      clipLow: root - (LEARN_CLIP_Z * spread) / 2 > 0 ? at(-LEARN_CLIP_Z) : 0,
      clipHigh: at(LEARN_CLIP_Z),
    };
  }
  const sd = Math.sqrt(continuousVariance(state, mu));
  return {
    z: (value - mu) / sd,
    lower: Math.max(0, mu - BAND_Z * sd),
    upper: mu + BAND_Z * sd,
    clipLow: Math.max(0, mu - LEARN_CLIP_Z * sd),
    clipHigh: mu + LEARN_CLIP_Z * sd,
  };
}

/** Standard deviation of the sustained statistic: learned, but never below its value for independent errors. */
function sustainedSpread(state: DetectorState): number {
  const priorWeight = 200;
  const learned =
    (state.sustainedSquaresSum + SUSTAINED_SD * SUSTAINED_SD * priorWeight) /
    (state.sustainedSquaresWeight + priorWeight);
  return Math.sqrt(Math.max(learned, SUSTAINED_SD * SUSTAINED_SD));
}

function halfLifeRate(elapsedSeconds: number, halfLifeSeconds: number): number {
  return 1 - Math.exp((-elapsedSeconds * Math.LN2) / halfLifeSeconds);
}

function warmupFactor(state: DetectorState, timestampMs: number): number {
  if (state.firstTimestamp === null || state.bucketSeconds === null) return 0;
  const warmupSeconds =
    state.options.warmupHours !== null
      ? state.options.warmupHours * 3600
      : state.daily !== null
        ? SECONDS_PER_DAY
        : MIN_WARMUP_OBSERVATIONS * state.bucketSeconds;
  if (state.observations < MIN_WARMUP_OBSERVATIONS) return 0;
  if (warmupSeconds <= 0) return 1;
  const progress = (timestampMs - state.firstTimestamp) / 1000 / warmupSeconds;
  return progress >= 1 ? 1 : progress <= 0 ? 0 : progress * progress;
}

export function scoreFromZ(z: number): number {
  return z <= SCORE_Z0 ? 0 : 1 - Math.exp(-(z - SCORE_Z0) / SCORE_Z_SCALE);
}

/**
 * Scores one bucket from the state (the past) and this value, then learns from it. Mutates `state`.
 * `timestampMs` is the bucket's start in epoch milliseconds and must increase from call to call;
 * `value` is a non-negative number, or null/NaN for a missing bucket (scored 0, not learned).
 */
export function updateDetector(
  state: DetectorState,
  timestampMs: number,
  value: number | null,
): DetectorResult {
  if (!Number.isFinite(timestampMs)) throw new RangeError(`timestamp ${timestampMs} is not a finite number`);
  const last = state.lastTimestamp;
  if (last !== null && timestampMs <= last) {
    throw new RangeError(`timestamp ${timestampMs} is not after the previous one (${last})`);
  }
  const isMissing = value === null || Number.isNaN(value);
  if (!isMissing && (value < 0 || !Number.isFinite(value))) {
    throw new RangeError(`value ${value} is not a finite non-negative number`);
  }
  if (state.bucketSeconds === null && last !== null) setBucket(state, (timestampMs - last) / 1000);
  const elapsedSeconds = last === null ? 0 : (timestampMs - last) / 1000;
  state.lastTimestamp = timestampMs;

  const dailyFactor = profileFactor(state.daily, timestampMs);
  const weeklyFactor = profileFactor(state.weekly, timestampMs);
  const expected = state.level * dailyFactor * weeklyFactor;

  if (isMissing || state.observations === 0) {
    const view = noiseView(state, expected, expected);
    if (!isMissing) {
      // The first value only seeds the level.
      state.firstTimestamp = timestampMs;
      state.observations = 1;
      state.isIntegerSeries = Number.isInteger(value);
      state.level = value;
    }
    return {
      score: 0,
      expected,
      lower: view.lower,
      upper: view.upper,
      zScore: 0,
      sustainedZ: 0,
      isWarm: false,
    };
  }

  if (state.isIntegerSeries && !Number.isInteger(value)) state.isIntegerSeries = false;
  const isCount = isCountModel(state);
  const view = noiseView(state, expected, value);
  const z = view.z;

  // Sustained statistic: EWMA of clipped z-scores, standardised to unit variance under the null.
  const clippedZ = clamp(z, SUSTAINED_CLIP_LOW, SUSTAINED_CLIP_HIGH);
  state.sustained += SUSTAINED_RATE * (clippedZ - state.sustained);
  const sustainedSd = sustainedSpread(state);
  const sustainedZ = state.sustained / sustainedSd;

  // The sustained statistic counts only while the current bucket still leans the same way: once a spike is
  // over, its echo in the EWMA must not keep the score up.
  const upZ = Math.max(z, Math.min(sustainedZ, z + SUSTAINED_MARGIN));
  const effectiveZ =
    state.options.direction === 'up' ? upZ : Math.max(upZ, -z, Math.min(-sustainedZ, -z + SUSTAINED_MARGIN));
  const isWarmEnough = warmupFactor(state, timestampMs);
  const score = clamp(scoreFromZ(effectiveZ) * isWarmEnough, 0, 1);

  // Learning, from the value clipped to the band, and with an influence that falls with the z-score once
  // warm, so that a spike barely moves the baseline or the noise estimate. A shift that persists for
  // PERSISTENT_SHIFT_SECONDS is a new normal and is learned at full speed again.
  const isOutOfBand = Math.abs(z) > LEARN_CLIP_Z;
  state.anomalousSeconds = isOutOfBand ? state.anomalousSeconds + elapsedSeconds : 0;
  const influence =
    !isOutOfBand || isWarmEnough < 1
      ? 1
      : Math.max((LEARN_CLIP_Z / z) ** 2, Math.min(1, state.anomalousSeconds / PERSISTENT_SHIFT_SECONDS));
  const learned = clamp(value, view.clipLow, view.clipHigh);
  state.observations += 1;
  const n = state.observations;
  const levelRate = Math.max(halfLifeRate(elapsedSeconds, state.options.levelHalfLifeHours * 3600), 1 / n);
  const seasonal = dailyFactor * weeklyFactor;
  state.level += levelRate * influence * (learned / seasonal - state.level);
  if (state.level > 0) {
    learnProfile(state.daily, timestampMs, learned / (state.level * weeklyFactor), influence, n);
    learnProfile(state.weekly, timestampMs, learned / (state.level * dailyFactor), influence, n);
  }

  const noiseDecay = Math.exp(-elapsedSeconds / (state.options.noiseMemoryDays * SECONDS_PER_DAY));
  const residual = learnedResidual(value, expected, view, isCount);
  state.excessSum = state.excessSum * noiseDecay + influence * (residual * residual - expected);
  state.excessScale = state.excessScale * noiseDecay + influence * expected * expected;
  state.squaredErrorSum = state.squaredErrorSum * noiseDecay + influence * residual * residual;
  state.squaredErrorWeight = state.squaredErrorWeight * noiseDecay + influence;
  const sustainedClip = SUSTAINED_LEARN_CLIP * sustainedSd;
  const sustainedLearned = clamp(state.sustained, -sustainedClip, sustainedClip);
  state.sustainedSquaresSum = state.sustainedSquaresSum * noiseDecay + sustainedLearned * sustainedLearned;
  state.sustainedSquaresWeight = state.sustainedSquaresWeight * noiseDecay + 1;

  return {
    score,
    expected,
    lower: view.lower,
    upper: view.upper,
    zScore: z,
    sustainedZ,
    isWarm: isWarmEnough >= 1,
  };
}

/** The prediction error used to learn the noise, clipped a little wider than the learning band. */
function learnedResidual(value: number, expected: number, view: NoiseView, isCount: boolean): number {
  const widen = 4 / LEARN_CLIP_Z;
  const high = expected + (view.clipHigh - expected) * widen;
  const low = expected - (expected - view.clipLow) * widen;
  const clipped = clamp(value, isCount ? Math.max(0, low) : low, high);
  return clipped - expected;
}

/** Scores a whole series causally (a convenience over `updateDetector`). */
export function scoreSeries(
  timestampsMs: readonly number[],
  values: readonly (number | null)[],
  options: DetectorOptions = {},
): number[] {
  const state = createDetectorState(options);
  return timestampsMs.map((t, i) => updateDetector(state, t, values[i] ?? null).score);
}

/** Alias of `updateDetector`, under the name the detection issue uses. */
export const update = updateDetector;
