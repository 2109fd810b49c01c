// Per-brand correction of the sentiment model from its members' relabels: per-class biases added to the model's
// raw logits (a brand whose mentions the model reads as too negative gets a lower negative bias), a temperature
// that recalibrates the probabilities, and decision offsets for balanced recall — the same recipe that tunes the
// built-in model on its held-out tweets (sentiment-calibration.ts), refitted on the brand's relabelled mentions.
import { decideLabels, fitDecisionOffsets, fitTemperature } from './sentiment-calibration';
import { classificationMetrics, type ClassificationMetrics } from './sentiment-metrics';
import { sentimentLabels, type SentimentLabel, type SentimentProbabilities } from './sentiment-scorer';
import { seededRandom } from './sentiment-training';

export type BrandCalibration = {
  bias: [number, number, number];
  temperature: number;
  offsets: [number, number, number];
};

/** Relabels needed before a part of them is held out to measure the retrained model. */
export const heldOutMinimum = 30;
/** Share of the relabels held out (when there are enough). */
export const heldOutShare = 0.3;

export type CalibrationFit = {
  calibration: BrandCalibration;
  /** Relabels the reported figures were measured on (held-out ones when `heldOut`, else all of them). */
  evaluatedOn: number;
  trainedOn: number;
  heldOut: boolean;
  before: ClassificationMetrics;
  after: ClassificationMetrics;
};

export function applyBrandCalibration(
  calibration: BrandCalibration,
  logits: readonly [number, number, number],
): { label: SentimentLabel; probabilities: SentimentProbabilities; confidence: number } {
  const { bias, temperature, offsets } = calibration;
  const z = [0, 1, 2].map((k) => ((logits[k] ?? 0) + bias[k]!) / temperature);
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e[0]! + e[1]! + e[2]!;
  const p = e.map((v) => v / sum);
  const d = z.map((v, k) => v + offsets[k]!);
  const index = d[0]! > d[1]! && d[0]! >= d[2]! ? 0 : d[2]! > d[1]! ? 2 : 1;
  return {
    label: sentimentLabels[index],
    probabilities: { negative: p[0]!, neutral: p[1]!, positive: p[2]! },
    confidence: p[index]!,
  };
}

/** Biases minimising the mean log-loss of `gold` under softmax(logits + bias), with an L2 pull toward 0. */
export function fitBiases(
  logits: Float64Array,
  gold: ArrayLike<number>,
  l2 = 0.05,
): [number, number, number] {
  const bias: [number, number, number] = [0, 0, 0];
  const n = gold.length;
  if (n === 0) return bias;
  for (let step = 0; step < 300; step++) {
    const grad: [number, number, number] = [l2 * bias[0], l2 * bias[1], l2 * bias[2]];
    for (let i = 0; i < n; i++) {
      const z = [0, 1, 2].map((k) => (logits[i * 3 + k] ?? 0) + bias[k]!);
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e[0]! + e[1]! + e[2]!;
      for (let k = 0; k < 3; k++) grad[k as 0 | 1 | 2] += (e[k]! / sum - (gold[i] === k ? 1 : 0)) / n;
    }
    for (let k = 0 as 0 | 1 | 2; k < 3; k++) bias[k] -= grad[k];
  }
  return bias.map((b) => Math.round(b * 1e6) / 1e6) as [number, number, number];
}

function fitOn(logits: Float64Array, gold: ArrayLike<number>): BrandCalibration {
  const bias = fitBiases(logits, gold);
  const shifted = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) shifted[i] = (logits[i] ?? 0) + bias[i % 3]!;
  const temperature = Math.round(fitTemperature(shifted, gold) * 1e6) / 1e6;
  const offsets = fitDecisionOffsets(shifted, gold, temperature, 1.5, 0.1);
  return { bias, temperature, offsets };
}

function labelsWith(calibration: BrandCalibration, logits: Float64Array, count: number): Uint8Array {
  const shifted = new Float64Array(count * 3);
  for (let i = 0; i < count * 3; i++) shifted[i] = (logits[i] ?? 0) + calibration.bias[i % 3]!;
  return decideLabels(shifted, count, calibration.temperature, calibration.offsets);
}

function rows(logits: Float64Array, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length * 3);
  indices.forEach((i, j) => out.set(logits.subarray(i * 3, i * 3 + 3), j * 3));
  return out;
}

/**
 * Fits a brand calibration on relabelled mentions: `logits` are the model's raw logits (rows of 3), `gold` the
 * members' labels (0 negative, 1 neutral, 2 positive), `modelLabels` what the model decides without the brand
 * calibration. With at least `heldOutMinimum` relabels a seeded 30% is held out: the calibration is fitted on the
 * rest and both models are measured on the held-out part; then the calibration that is kept is refitted on all of
 * them. With fewer, the figures are measured on the relabels themselves (and say so: `heldOut: false`).
 */
export function fitBrandCalibration(
  logits: Float64Array,
  gold: ArrayLike<number>,
  modelLabels: ArrayLike<number>,
  seed = 1,
): CalibrationFit {
  const n = gold.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const goldOf = (idx: readonly number[]) => idx.map((i) => gold[i] ?? 1);
  if (n >= heldOutMinimum) {
    const random = seededRandom(seed);
    const shuffled = [...all];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const testCount = Math.round(n * heldOutShare);
    const test = shuffled.slice(0, testCount);
    const train = shuffled.slice(testCount);
    const trial = fitOn(rows(logits, train), goldOf(train));
    const testGold = goldOf(test);
    const before = classificationMetrics(
      testGold,
      test.map((i) => modelLabels[i] ?? 1),
      3,
    );
    const after = classificationMetrics(testGold, labelsWith(trial, rows(logits, test), test.length), 3);
    return {
      calibration: fitOn(logits, gold),
      evaluatedOn: test.length,
      trainedOn: n,
      heldOut: true,
      before,
      after,
    };
  }
  const calibration = fitOn(logits, gold);
  const allGold = goldOf(all);
  return {
    calibration,
    evaluatedOn: n,
    trainedOn: n,
    heldOut: false,
    before: classificationMetrics(
      allGold,
      all.map((i) => modelLabels[i] ?? 1),
      3,
    ),
    after: classificationMetrics(allGold, labelsWith(calibration, logits, n), 3),
  };
}

/** Parses a stored calibration; undefined when it is not one. */
export function parseBrandCalibration(value: unknown): BrandCalibration | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const triple = (x: unknown): x is [number, number, number] =>
    Array.isArray(x) && x.length === 3 && x.every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!triple(v.bias) || !triple(v.offsets) || typeof v.temperature !== 'number' || !(v.temperature > 0)) {
    return undefined;
  }
  return { bias: v.bias, temperature: v.temperature, offsets: v.offsets };
}
