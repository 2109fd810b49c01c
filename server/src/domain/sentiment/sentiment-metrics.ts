// Classification metrics for the three sentiment classes (and any other small number of classes).

/** Rows are the gold class, columns the predicted class: matrix[gold][predicted] counts texts. */
export type ConfusionMatrix = number[][];

export type ClassificationMetrics = {
  count: number;
  accuracy: number;
  /** The mean of the per-class recalls (SemEval-2017 Task 4's official measure); a class with no gold text counts 0. */
  macroRecall: number;
  macroF1: number;
  recall: number[];
  precision: number[];
  f1: number[];
  confusion: ConfusionMatrix;
};

export function confusionMatrix(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes = 3,
): ConfusionMatrix {
  if (gold.length !== predicted.length) {
    throw new RangeError(`gold has ${gold.length} labels but predicted has ${predicted.length}`);
  }
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < gold.length; i++) {
    const row = matrix[gold[i] ?? -1];
    const column = predicted[i] ?? -1;
    if (row === undefined || column < 0 || column >= classes) {
      throw new RangeError(`label out of range at index ${i}: gold ${gold[i]}, predicted ${predicted[i]}`);
    }
    row[column] = (row[column] ?? 0) + 1;
  }
  return matrix;
}

const ratio = (numerator: number, denominator: number): number =>
  denominator === 0 ? 0 : numerator / denominator;
const mean = (values: number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);

export function metricsFromConfusion(matrix: ConfusionMatrix): ClassificationMetrics {
  const classes = matrix.length;
  let count = 0;
  let correct = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  const f1: number[] = [];
  for (let c = 0; c < classes; c++) {
    const row = matrix[c] ?? [];
    const goldTotal = row.reduce((sum, value) => sum + value, 0);
    let predictedTotal = 0;
    for (let r = 0; r < classes; r++) {
      predictedTotal += matrix[r]?.[c] ?? 0;
    }
    const hits = row[c] ?? 0;
    count += goldTotal;
    correct += hits;
    const classRecall = ratio(hits, goldTotal);
    const classPrecision = ratio(hits, predictedTotal);
    recall.push(classRecall);
    precision.push(classPrecision);
    f1.push(ratio(2 * classPrecision * classRecall, classPrecision + classRecall));
  }
  return {
    count,
    accuracy: ratio(correct, count),
    macroRecall: mean(recall),
    macroF1: mean(f1),
    recall,
    precision,
    f1,
    confusion: matrix,
  };
}

export function classificationMetrics(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes = 3,
): ClassificationMetrics {
  return metricsFromConfusion(confusionMatrix(gold, predicted, classes));
}

/**
 * Expected calibration error of the top label: texts are binned by confidence (equal-width bins), and the gaps
 * between each bin's mean confidence and its accuracy are averaged, weighted by bin size. 0 is perfectly calibrated.
 */
export function expectedCalibrationError(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 15,
): number {
  const count = confidences.length;
  if (count === 0) {
    return 0;
  }
  const binCount = new Float64Array(bins);
  const binConfidence = new Float64Array(bins);
  const binCorrect = new Float64Array(bins);
  for (let i = 0; i < count; i++) {
    const confidence = Math.min(Math.max(confidences[i] ?? 0, 0), 1);
    const bin = Math.min(Math.floor(confidence * bins), bins - 1);
    binCount[bin] = (binCount[bin] ?? 0) + 1;
    binConfidence[bin] = (binConfidence[bin] ?? 0) + confidence;
    binCorrect[bin] = (binCorrect[bin] ?? 0) + (correct[i] ? 1 : 0);
  }
  let error = 0;
  for (let b = 0; b < bins; b++) {
    const n = binCount[b] ?? 0;
    if (n > 0) {
      // |mean confidence − accuracy| × (n / count), with both means taken over the bin's n texts.
      error += Math.abs((binConfidence[b] ?? 0) - (binCorrect[b] ?? 0)) / count;
    }
  }
  return error;
}
