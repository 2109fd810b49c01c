// Post-training adjustments fitted on texts the weights never saw: a temperature that calibrates the
// probabilities (Guo et al. 2017, "On Calibration of Modern Neural Networks"), and decision offsets that pick
// labels for the best macro-averaged recall without touching the probabilities.
import { classificationMetrics } from './sentiment-metrics';

const classCount = 3;

/** Mean negative log-likelihood of `gold` under softmax(logits / temperature); logits are rows of 3. */
export function meanNegativeLogLikelihood(
  logits: Float64Array,
  gold: ArrayLike<number>,
  temperature: number,
): number {
  let total = 0;
  for (let i = 0; i < gold.length; i++) {
    const a = (logits[i * 3] ?? 0) / temperature;
    const b = (logits[i * 3 + 1] ?? 0) / temperature;
    const c = (logits[i * 3 + 2] ?? 0) / temperature;
    const max = Math.max(a, b, c);
    const logSum = max + Math.log(Math.exp(a - max) + Math.exp(b - max) + Math.exp(c - max));
    total += logSum - (logits[i * 3 + (gold[i] ?? 0)] ?? 0) / temperature;
  }
  return total / Math.max(gold.length, 1);
}

/** The temperature in [0.05, 20] with the lowest held-out negative log-likelihood (golden-section search on its log). */
export function fitTemperature(logits: Float64Array, gold: ArrayLike<number>): number {
  if (gold.length === 0) {
    return 1;
  }
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.05);
  let high = Math.log(20);
  let x1 = high - ratio * (high - low);
  let x2 = low + ratio * (high - low);
  let f1 = meanNegativeLogLikelihood(logits, gold, Math.exp(x1));
  let f2 = meanNegativeLogLikelihood(logits, gold, Math.exp(x2));
  for (let step = 0; step < 60; step++) {
    if (f1 < f2) {
      high = x2;
      x2 = x1;
      f2 = f1;
      x1 = high - ratio * (high - low);
      f1 = meanNegativeLogLikelihood(logits, gold, Math.exp(x1));
    } else {
      low = x1;
      x1 = x2;
      f1 = f2;
      x2 = low + ratio * (high - low);
      f2 = meanNegativeLogLikelihood(logits, gold, Math.exp(x2));
    }
  }
  return Math.exp((low + high) / 2);
}

/** Labels from logits (rows of 3) divided by `temperature`, plus per-class offsets. */
export function decideLabels(
  logits: Float64Array,
  count: number,
  temperature: number,
  offsets: readonly [number, number, number],
): Uint8Array {
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const a = (logits[i * 3] ?? 0) / temperature + offsets[0];
    const b = (logits[i * 3 + 1] ?? 0) / temperature + offsets[1];
    const c = (logits[i * 3 + 2] ?? 0) / temperature + offsets[2];
    labels[i] = a > b && a >= c ? 0 : c > b ? 2 : 1;
  }
  return labels;
}

/**
 * Offsets for negative and positive (neutral stays 0) on a grid of `step` within ±`range`, maximising macro-averaged
 * recall on the given texts. Ties go to the offsets closest to zero, so an uninformative tuning set changes nothing.
 */
export function fitDecisionOffsets(
  logits: Float64Array,
  gold: ArrayLike<number>,
  temperature: number,
  range = 1.5,
  step = 0.05,
): [number, number, number] {
  let best: [number, number, number] = [0, 0, 0];
  if (gold.length === 0) {
    return best;
  }
  let bestRecall = classificationMetrics(
    gold,
    decideLabels(logits, gold.length, temperature, best),
    classCount,
  ).macroRecall;
  let bestSize = 0;
  const steps = Math.round(range / step);
  for (let i = -steps; i <= steps; i++) {
    for (let j = -steps; j <= steps; j++) {
      // Rounded so that the model file reads 1.2, not 1.2000000000000002.
      const offsets: [number, number, number] = [
        Math.round(i * step * 1e6) / 1e6,
        0,
        Math.round(j * step * 1e6) / 1e6,
      ];
      const recall = macroRecallOf(logits, gold, temperature, offsets);
      const size = Math.abs(i) + Math.abs(j);
      if (recall > bestRecall + 1e-12 || (Math.abs(recall - bestRecall) <= 1e-12 && size < bestSize)) {
        best = offsets;
        bestRecall = recall;
        bestSize = size;
      }
    }
  }
  return best;
}

function macroRecallOf(
  logits: Float64Array,
  gold: ArrayLike<number>,
  temperature: number,
  offsets: readonly [number, number, number],
): number {
  const hits = [0, 0, 0];
  const totals = [0, 0, 0];
  for (let i = 0; i < gold.length; i++) {
    const a = (logits[i * 3] ?? 0) / temperature + offsets[0];
    const b = (logits[i * 3 + 1] ?? 0) / temperature + offsets[1];
    const c = (logits[i * 3 + 2] ?? 0) / temperature + offsets[2];
    const predicted = a > b && a >= c ? 0 : c > b ? 2 : 1;
    const label = gold[i] ?? 0;
    totals[label] = (totals[label] ?? 0) + 1;
    if (predicted === label) {
      hits[label] = (hits[label] ?? 0) + 1;
    }
  }
  let sum = 0;
  for (let c = 0; c < classCount; c++) {
    sum += (totals[c] ?? 0) === 0 ? 0 : (hits[c] ?? 0) / (totals[c] ?? 1);
  }
  return sum / classCount;
}
