// How well a model does on labelled texts: the classification metrics plus how trustworthy its probabilities are.
import type { LabelledText } from './labelled-text';
import {
  classificationMetrics,
  expectedCalibrationError,
  type ClassificationMetrics,
} from './sentiment-metrics';
import type { SentimentModel } from './sentiment-model';

const classCount = 3;

export type EvaluationSummary = ClassificationMetrics & {
  /** Mean negative log-likelihood of the gold label under the model's probabilities. */
  logLoss: number;
  /** Top-label expected calibration error of the probabilities (15 equal-width bins); 0 is perfect. */
  expectedCalibrationError: number;
};

/** Summarises probabilities (rows of 3) and chosen labels against gold labels. */
export function summarizePredictions(
  probabilities: Float64Array,
  labels: ArrayLike<number>,
  gold: ArrayLike<number>,
): EvaluationSummary {
  const confidences = new Float64Array(gold.length);
  const correct: boolean[] = [];
  let logLoss = 0;
  for (let i = 0; i < gold.length; i++) {
    const row = i * classCount;
    const a = probabilities[row] ?? 0;
    const b = probabilities[row + 1] ?? 0;
    const c = probabilities[row + 2] ?? 0;
    const top = a >= b && a >= c ? 0 : b >= c ? 1 : 2;
    confidences[i] = Math.max(a, b, c);
    correct.push(top === gold[i]);
    logLoss -= Math.log(Math.max(probabilities[row + (gold[i] ?? 0)] ?? 0, 1e-12));
  }
  return {
    ...classificationMetrics(gold, labels, classCount),
    logLoss: logLoss / Math.max(gold.length, 1),
    expectedCalibrationError: expectedCalibrationError(confidences, correct),
  };
}

/** Softmax of logits (rows of 3) divided by `temperature`. */
export function probabilitiesFromLogits(logits: Float64Array, temperature: number): Float64Array {
  const probabilities = new Float64Array(logits.length);
  for (let row = 0; row + 2 < logits.length; row += classCount) {
    const a = (logits[row] ?? 0) / temperature;
    const b = (logits[row + 1] ?? 0) / temperature;
    const c = (logits[row + 2] ?? 0) / temperature;
    const max = Math.max(a, b, c);
    const ea = Math.exp(a - max);
    const eb = Math.exp(b - max);
    const ec = Math.exp(c - max);
    const sum = ea + eb + ec;
    probabilities[row] = ea / sum;
    probabilities[row + 1] = eb / sum;
    probabilities[row + 2] = ec / sum;
  }
  return probabilities;
}

/** Scores `texts` with `model` exactly as `model.predict` does, and sums up how it did. */
export function evaluateSentimentModel(
  model: SentimentModel,
  texts: readonly LabelledText[],
): EvaluationSummary {
  const probabilities = new Float64Array(texts.length * classCount);
  const labels = new Uint8Array(texts.length);
  const row = new Float64Array(classCount);
  for (let i = 0; i < texts.length; i++) {
    labels[i] = model.probabilitiesInto(texts[i]?.text ?? '', row);
    probabilities.set(row, i * classCount);
  }
  return summarizePredictions(
    probabilities,
    labels,
    Uint8Array.from(texts, (t) => t.label),
  );
}
