// Trains a SentimentModel: features are extracted once, then softmax regression is fitted with Adagrad SGD and L2
// (applied to the weights an example touches), in a seeded shuffled order, so the same data and seed give the
// same model bit for bit. A seeded slice of the data is held out to pick the epoch and fit the temperature;
// the decision offsets are tuned on that slice plus the validation texts, when given. Several runs in different
// orders can be averaged (same size, less variance).
import type { LabelledText } from './labelled-text';
import {
  decideLabels,
  fitDecisionOffsets,
  fitTemperature,
  meanNegativeLogLikelihood,
} from './sentiment-calibration';
import { defaultFeatureConfig, SentimentFeaturizer, type FeatureConfig } from './sentiment-features';
import {
  probabilitiesFromLogits,
  summarizePredictions,
  type EvaluationSummary,
} from './sentiment-evaluation';
import { classificationMetrics } from './sentiment-metrics';
import { classCount, SentimentModel } from './sentiment-model';

export type TrainingOptions = {
  epochs: number;
  seed: number;
  learningRate: number;
  /** L2 penalty per update on each weight the example touches. */
  l2: number;
  /** Share of the training texts held out (seeded) for the epoch choice and the temperature; 0 holds none out. */
  holdoutFraction: number;
  /** Weigh each class's loss by the inverse of its frequency. */
  balanceClasses: boolean;
  /** Independent SGD runs (different shuffles) whose weights are averaged. */
  runs: number;
  features: FeatureConfig;
};

export const defaultTrainingOptions: TrainingOptions = {
  epochs: 4,
  seed: 1,
  learningRate: 0.2,
  l2: 1e-5,
  holdoutFraction: 0.1,
  balanceClasses: false,
  runs: 3,
  features: defaultFeatureConfig,
};

export type TrainingProgress = {
  run?: number;
  runs?: number;
  epoch: number;
  epochs: number;
  /** Mean cross-entropy over the epoch's training texts, measured before each update. */
  trainLoss: number;
  holdoutLoss: number | null;
  holdoutMacroRecall: number | null;
};

export type CalibratedSummary = EvaluationSummary & {
  /** expectedCalibrationError before temperature scaling, to show what calibration bought. */
  uncalibratedCalibrationError: number;
};

export type TrainingReport = {
  trainCount: number;
  holdoutCount: number;
  validationCount: number;
  classCounts: number[];
  /** The epoch kept from each run. */
  bestEpochs: number[];
  progress: TrainingProgress[];
  temperature: number;
  decisionOffsets: [number, number, number];
  offsetsTunedOn: 'holdout+validation' | 'validation' | 'holdout' | 'none';
  holdout: CalibratedSummary | null;
  validation: CalibratedSummary | null;
};

const minimumHoldout = 50;

/** Features of many texts in flat arrays: text i's features are [offsets[i], offsets[i + 1]). */
type FeatureMatrix = { offsets: Int32Array; buckets: Int32Array; values: Float32Array };

function featureMatrix(texts: readonly LabelledText[], featurizer: SentimentFeaturizer): FeatureMatrix {
  const offsets = new Int32Array(texts.length + 1);
  let buckets = new Int32Array(Math.max(1024, texts.length * 64));
  let values = new Float32Array(buckets.length);
  let used = 0;
  for (let i = 0; i < texts.length; i++) {
    const features = featurizer.extract(texts[i]?.text ?? '');
    if (used + features.count > buckets.length) {
      const capacity = Math.max(buckets.length * 2, used + features.count);
      const grownBuckets = new Int32Array(capacity);
      grownBuckets.set(buckets.subarray(0, used));
      const grownValues = new Float32Array(capacity);
      grownValues.set(values.subarray(0, used));
      buckets = grownBuckets;
      values = grownValues;
    }
    buckets.set(features.buckets.subarray(0, features.count), used);
    values.set(features.values.subarray(0, features.count), used);
    used += features.count;
    offsets[i + 1] = used;
  }
  return { offsets, buckets: buckets.subarray(0, used), values: values.subarray(0, used) };
}

/** mulberry32: a small, fast, seedable PRNG; enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleInPlace(array: Int32Array, random: () => number): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = array[i] ?? 0;
    array[i] = array[j] ?? 0;
    array[j] = swap;
  }
}

function logitsOf(
  matrix: FeatureMatrix,
  weights: Float32Array,
  bias: Float64Array,
  count: number,
): Float64Array {
  const logits = new Float64Array(count * classCount);
  for (let i = 0; i < count; i++) {
    let a = bias[0] ?? 0;
    let b = bias[1] ?? 0;
    let c = bias[2] ?? 0;
    const end = matrix.offsets[i + 1] ?? 0;
    for (let f = matrix.offsets[i] ?? 0; f < end; f++) {
      const row = (matrix.buckets[f] ?? 0) * classCount;
      const value = matrix.values[f] ?? 0;
      a += value * (weights[row] ?? 0);
      b += value * (weights[row + 1] ?? 0);
      c += value * (weights[row + 2] ?? 0);
    }
    logits[i * 3] = a;
    logits[i * 3 + 1] = b;
    logits[i * 3 + 2] = c;
  }
  return logits;
}

/** Metrics, log-loss and calibration error of raw logits (rows of 3), calibrated by `temperature`, against gold labels. */
export function summarizeLogits(
  logits: Float64Array,
  gold: ArrayLike<number>,
  temperature: number,
  offsets: readonly [number, number, number],
): CalibratedSummary {
  const labels = decideLabels(logits, gold.length, temperature, offsets);
  return {
    ...summarizePredictions(probabilitiesFromLogits(logits, temperature), labels, gold),
    uncalibratedCalibrationError: summarizePredictions(probabilitiesFromLogits(logits, 1), labels, gold)
      .expectedCalibrationError,
  };
}

type SgdData = {
  train: FeatureMatrix;
  trainGold: Uint8Array;
  holdout: FeatureMatrix;
  holdoutGold: Uint8Array;
  classWeights: number[];
};

/** One run of Adagrad SGD; returns the weights of the epoch with the best held-out loss (the last without a holdout). */
function fitWeights(
  data: SgdData,
  settings: TrainingOptions,
  size: number,
  random: () => number,
  onEpoch: (progress: TrainingProgress) => void,
): { epoch: number; weights: Float32Array; bias: Float64Array } {
  const { train, trainGold, holdout, holdoutGold, classWeights } = data;
  const holdoutCount = holdoutGold.length;
  const weights = new Float32Array(size);
  const squaredGradients = new Float32Array(size);
  const bias = new Float64Array(classCount);
  const biasSquaredGradients = new Float64Array(classCount);
  const sequence = Int32Array.from(trainGold.keys());
  let best = { epoch: 0, loss: Infinity, weights: new Float32Array(0), bias: new Float64Array(classCount) };
  const { learningRate, l2 } = settings;
  const epsilon = 1e-8;
  const gradient = new Float64Array(classCount);

  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    shuffleInPlace(sequence, random);
    let lossSum = 0;
    for (const i of sequence) {
      const start = train.offsets[i] ?? 0;
      const end = train.offsets[i + 1] ?? 0;
      let a = bias[0] ?? 0;
      let b = bias[1] ?? 0;
      let c = bias[2] ?? 0;
      for (let f = start; f < end; f++) {
        const row = (train.buckets[f] ?? 0) * classCount;
        const value = train.values[f] ?? 0;
        a += value * (weights[row] ?? 0);
        b += value * (weights[row + 1] ?? 0);
        c += value * (weights[row + 2] ?? 0);
      }
      const max = Math.max(a, b, c);
      const ea = Math.exp(a - max);
      const eb = Math.exp(b - max);
      const ec = Math.exp(c - max);
      const sum = ea + eb + ec;
      const gold = trainGold[i] ?? 0;
      const weight = classWeights[gold] ?? 1;
      lossSum += Math.log(sum) - ((gold === 0 ? a : gold === 1 ? b : c) - max);
      gradient[0] = (ea / sum - (gold === 0 ? 1 : 0)) * weight;
      gradient[1] = (eb / sum - (gold === 1 ? 1 : 0)) * weight;
      gradient[2] = (ec / sum - (gold === 2 ? 1 : 0)) * weight;
      for (let k = 0; k < classCount; k++) {
        const g = gradient[k] ?? 0;
        biasSquaredGradients[k] = (biasSquaredGradients[k] ?? 0) + g * g;
        bias[k] = (bias[k] ?? 0) - (learningRate * g) / (Math.sqrt(biasSquaredGradients[k] ?? 0) + epsilon);
      }
      for (let f = start; f < end; f++) {
        const row = (train.buckets[f] ?? 0) * classCount;
        const value = train.values[f] ?? 0;
        for (let k = 0; k < classCount; k++) {
          const index = row + k;
          const w = weights[index] ?? 0;
          const g = (gradient[k] ?? 0) * value + l2 * w;
          const accumulated = (squaredGradients[index] ?? 0) + g * g;
          squaredGradients[index] = accumulated;
          weights[index] = w - (learningRate * g) / (Math.sqrt(accumulated) + epsilon);
        }
      }
    }
    let holdoutLoss: number | null = null;
    let holdoutMacroRecall: number | null = null;
    if (holdoutCount > 0) {
      const logits = logitsOf(holdout, weights, bias, holdoutCount);
      holdoutLoss = meanNegativeLogLikelihood(logits, holdoutGold, 1);
      holdoutMacroRecall = classificationMetrics(
        holdoutGold,
        decideLabels(logits, holdoutCount, 1, [0, 0, 0]),
      ).macroRecall;
    }
    const step: TrainingProgress = {
      epoch,
      epochs: settings.epochs,
      trainLoss: lossSum / Math.max(sequence.length, 1),
      holdoutLoss,
      holdoutMacroRecall,
    };
    onEpoch(step);
    // Keep the epoch with the best held-out loss (the last one when nothing is held out).
    const loss = holdoutLoss ?? -epoch;
    if (loss < best.loss) {
      best = { epoch, loss, weights: weights.slice(), bias: bias.slice() };
    }
  }

  return best.weights.length > 0 ? best : { epoch: settings.epochs, weights, bias };
}

/**
 * Trains a model on `texts`. `validation` texts (never trained on) join the held-out slice to tune the decision
 * offsets. Synchronous and pure: the same texts, options and seed give the same model.
 */
export function trainSentimentModel(
  texts: readonly LabelledText[],
  options: Partial<Omit<TrainingOptions, 'features'>> & { features?: Partial<FeatureConfig> } = {},
  validation: readonly LabelledText[] = [],
  onProgress: (progress: TrainingProgress) => void = () => {},
): { model: SentimentModel; report: TrainingReport } {
  const features: FeatureConfig = { ...defaultFeatureConfig, ...options.features };
  const settings: TrainingOptions = { ...defaultTrainingOptions, ...options, features };
  if (texts.length === 0) {
    throw new RangeError('no training texts');
  }
  const featurizer = new SentimentFeaturizer(features);

  // The held-out slice: a seeded shuffle, taken from the front.
  const order = Int32Array.from(texts.keys());
  shuffleInPlace(order, seededRandom(settings.seed ^ 0x5eed));
  const wantedHoldout = Math.floor(texts.length * Math.min(Math.max(settings.holdoutFraction, 0), 0.5));
  // Too few held-out texts would pick epochs and a temperature by noise: then train on everything, temperature 1.
  const holdoutCount = wantedHoldout >= minimumHoldout ? wantedHoldout : 0;
  const holdoutTexts = Array.from(order.subarray(0, holdoutCount), (i) => texts[i] as LabelledText);
  const trainTexts = Array.from(order.subarray(holdoutCount), (i) => texts[i] as LabelledText);

  const train = featureMatrix(trainTexts, featurizer);
  const trainGold = Uint8Array.from(trainTexts, (t) => t.label);
  const holdout = featureMatrix(holdoutTexts, featurizer);
  const holdoutGold = Uint8Array.from(holdoutTexts, (t) => t.label);

  const classCounts = [0, 0, 0];
  for (const label of trainGold) {
    classCounts[label] = (classCounts[label] ?? 0) + 1;
  }
  const classWeights = classCounts.map((count) =>
    settings.balanceClasses && count > 0 ? trainTexts.length / (classCount * count) : 1,
  );

  const size = 2 ** features.bucketBits * classCount;
  const finalWeights = new Float32Array(size);
  const finalBias = new Float64Array(classCount);
  const progress: TrainingProgress[] = [];
  const bestEpochs: number[] = [];
  const runs = Math.max(1, Math.floor(settings.runs));
  for (let run = 0; run < runs; run++) {
    const result = fitWeights(
      { train, trainGold, holdout, holdoutGold, classWeights },
      settings,
      size,
      seededRandom(settings.seed + run * 7919),
      (step) => {
        const withRun = { ...step, run: run + 1, runs };
        progress.push(withRun);
        onProgress(withRun);
      },
    );
    bestEpochs.push(result.epoch);
    // Averaging the weights of runs in different orders averages their logits: less variance, same model size.
    for (let i = 0; i < size; i++) {
      finalWeights[i] = (finalWeights[i] ?? 0) + (result.weights[i] ?? 0) / runs;
    }
    for (let k = 0; k < classCount; k++) {
      finalBias[k] = (finalBias[k] ?? 0) + (result.bias[k] ?? 0) / runs;
    }
  }

  const holdoutLogits = logitsOf(holdout, finalWeights, finalBias, holdoutCount);
  const temperature = holdoutCount > 0 ? fitTemperature(holdoutLogits, holdoutGold) : 1;

  const validationGold = Uint8Array.from(validation, (t) => t.label);
  const validationLogits =
    validation.length > 0
      ? logitsOf(featureMatrix(validation, featurizer), finalWeights, finalBias, validation.length)
      : new Float64Array(0);
  // Offsets are tuned on every text the weights never saw: the held-out slice plus the validation texts.
  const tuningCount = holdoutCount + validation.length;
  const tuningLogits = new Float64Array(tuningCount * classCount);
  tuningLogits.set(holdoutLogits);
  tuningLogits.set(validationLogits, holdoutCount * classCount);
  const tuningGold = new Uint8Array(tuningCount);
  tuningGold.set(holdoutGold);
  tuningGold.set(validationGold, holdoutCount);
  const decisionOffsets = fitDecisionOffsets(tuningLogits, tuningGold, temperature);
  const offsetsTunedOn: TrainingReport['offsetsTunedOn'] =
    validation.length > 0
      ? holdoutCount > 0
        ? 'holdout+validation'
        : 'validation'
      : holdoutCount > 0
        ? 'holdout'
        : 'none';

  const report: TrainingReport = {
    trainCount: trainTexts.length,
    holdoutCount,
    validationCount: validation.length,
    classCounts,
    bestEpochs,
    progress,
    temperature,
    decisionOffsets,
    offsetsTunedOn,
    holdout:
      holdoutCount > 0 ? summarizeLogits(holdoutLogits, holdoutGold, temperature, decisionOffsets) : null,
    validation:
      validation.length > 0
        ? summarizeLogits(validationLogits, validationGold, temperature, decisionOffsets)
        : null,
  };
  const model = new SentimentModel(
    {
      features,
      weights: finalWeights,
      bias: [finalBias[0] ?? 0, finalBias[1] ?? 0, finalBias[2] ?? 0],
      temperature,
      decisionOffsets,
      priors: [
        (classCounts[0] ?? 0) / trainTexts.length,
        (classCounts[1] ?? 0) / trainTexts.length,
        (classCounts[2] ?? 0) / trainTexts.length,
      ],
    },
    {
      training: {
        ...settings,
        features,
        trainCount: report.trainCount,
        holdoutCount,
        validationCount: validation.length,
        classCounts,
        bestEpochs,
        offsetsTunedOn,
      },
    },
  );
  return { model, report };
}
