import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classificationMetrics,
  confusionMatrix,
  expectedCalibrationError,
  metricsFromConfusion,
} from './sentiment-metrics';

const close = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);

describe('metricsFromConfusion', () => {
  // Rows gold, columns predicted. Recalls: 8/10, 30/60, 20/30 → macro-recall (0.8 + 0.5 + 0.6667) / 3.
  const matrix = [
    [8, 1, 1],
    [20, 30, 10],
    [5, 5, 20],
  ];
  const metrics = metricsFromConfusion(matrix);

  it('averages the per-class recalls, so the rare class counts as much as the common one', () => {
    close(metrics.macroRecall, (0.8 + 0.5 + 20 / 30) / 3);
    assert.deepEqual(
      metrics.recall.map((r) => Number(r.toFixed(4))),
      [0.8, 0.5, 0.6667],
    );
  });

  it('computes accuracy, per-class precision and macro-F1 from the same matrix', () => {
    close(metrics.accuracy, 58 / 100);
    const precision = [8 / 33, 30 / 36, 20 / 31];
    precision.forEach((p, i) => close(metrics.precision[i] ?? NaN, p));
    const f1 = precision.map((p, i) => {
      const r = metrics.recall[i] ?? 0;
      return (2 * p * r) / (p + r);
    });
    close(metrics.macroF1, (f1[0]! + f1[1]! + f1[2]!) / 3);
  });

  it('counts a class with no gold text as recall 0 instead of dividing by zero', () => {
    const m = metricsFromConfusion([
      [5, 0, 0],
      [0, 0, 0],
      [0, 0, 5],
    ]);
    close(m.macroRecall, 2 / 3);
    close(m.accuracy, 1);
  });
});

describe('confusionMatrix', () => {
  it('counts gold labels in rows and predictions in columns', () => {
    assert.deepEqual(confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0]), [
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    close(classificationMetrics([0, 0, 1, 2, 2], [0, 1, 1, 2, 0]).macroRecall, (0.5 + 1 + 0.5) / 3);
  });

  it('rejects labels out of range and arrays of different lengths', () => {
    assert.throws(() => confusionMatrix([0, 3], [0, 0]), RangeError);
    assert.throws(() => confusionMatrix([0], [0, 1]), RangeError);
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 when each bin is right as often as it is confident', () => {
    // Ten texts at 0.8 confidence, eight of them right.
    const confidences = new Array<number>(10).fill(0.8);
    const correct = [true, true, true, true, true, true, true, true, false, false];
    close(expectedCalibrationError(confidences, correct), 0);
  });

  it('weighs each bin’s gap between confidence and accuracy by its share of texts', () => {
    // Bin 0.9: 4 texts, all wrong (gap 0.9). Bin 0.5: 6 texts, 3 right (gap 0). ECE = 0.9 × 4/10.
    const confidences = [0.9, 0.9, 0.9, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const correct = [false, false, false, false, true, true, true, false, false, false];
    close(expectedCalibrationError(confidences, correct), 0.36);
    assert.equal(expectedCalibrationError([], []), 0);
  });
});
