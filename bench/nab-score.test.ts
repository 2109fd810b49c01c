import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bestThreshold,
  normalisedScore,
  prepareSeries,
  probationaryLength,
  scaledSigmoid,
  scoreAtThreshold,
  scoreDetections,
  STANDARD_PROFILE,
  sumScores,
} from './nab-score';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const hours = (n: number): number[] => Array.from({ length: n }, (_, i) => T0 + i * HOUR);
const at = (row: number): number => T0 + row * HOUR;
const close = (actual: number, expected: number, digits = 9): void =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} ≠ ${expected}`);
const only =
  (...rows: number[]) =>
  (row: number): boolean =>
    rows.includes(row);

describe('NAB scaled sigmoid', () => {
  it('has the values NAB documents', () => {
    close(scaledSigmoid(-1), 0.9866142981514305); // 2·sigmoid(5) − 1
    close(scaledSigmoid(-0.5), 0.8482836399575129); // 2·sigmoid(2.5) − 1
    close(scaledSigmoid(0), 0);
    close(scaledSigmoid(1), -0.9866142981514305);
    assert.equal(scaledSigmoid(3), -1);
    assert.equal(scaledSigmoid(7), -1);
  });
});

describe('NAB probationary period', () => {
  it('is 15% of the rows, at most 750', () => {
    assert.equal(probationaryLength(100), 15);
    assert.equal(probationaryLength(1001), 150);
    assert.equal(probationaryLength(10_000), 750);
  });
});

describe('NAB scoring of one series (standard profile)', () => {
  // 200 hourly rows: probation = 30 rows. One window over rows 100..109 (width 10).
  const timestamps = hours(200);
  const prepared = prepareSeries(timestamps, [{ startMs: at(100), endMs: at(109) }]);

  it('locates the window and computes null and perfect scores', () => {
    assert.equal(prepared.probation, 30);
    assert.deepEqual(prepared.windows, [{ first: 100, last: 109 }]);
    const none = scoreDetections(prepared, () => false);
    assert.equal(none.raw, -1);
    assert.equal(none.nullScore, -1);
    assert.equal(none.perfect, 1);
    assert.equal(none.fn, 1);
    assert.equal(normalisedScore(none), 0);
  });

  it('gives A_tp for a detection at the first row of the window', () => {
    const s = scoreDetections(prepared, only(100));
    close(s.raw, 1);
    assert.equal(s.tp, 1);
    assert.equal(normalisedScore(s), 100);
  });

  it('rewards a later detection less, by the scaled sigmoid of its position', () => {
    // Row 104: position −(109 − 104 + 1)/10 = −0.6.
    const s = scoreDetections(prepared, only(104));
    close(s.raw, scaledSigmoid(-0.6) / scaledSigmoid(-1));
    // The last row of the window: position −0.1, still positive.
    const last = scoreDetections(prepared, only(109));
    close(last.raw, scaledSigmoid(-0.1) / scaledSigmoid(-1));
    assert.ok(last.raw > 0 && last.raw < s.raw);
  });

  it('counts only the earliest detection of a window', () => {
    const s = scoreDetections(prepared, only(102, 103, 108));
    close(s.raw, scaledSigmoid(-0.8) / scaledSigmoid(-1));
    assert.equal(s.tp, 1);
    assert.equal(s.fp, 0);
    assert.equal(s.windows[0]?.detectedAt, 102);
  });

  it('charges |A_fp| for a false positive before any window', () => {
    const s = scoreDetections(prepared, only(50));
    close(s.raw, -1 - 0.11);
    assert.equal(s.fp, 1);
    // Two false positives and a missed window.
    close(scoreDetections(prepared, only(50, 60)).raw, -1 - 0.22);
  });

  it('charges less for a false positive just after a window, by its distance', () => {
    // Row 110: |109 − 110| / (10 − 1) = 1/9 past the window.
    const s = scoreDetections(prepared, only(100, 110));
    close(s.raw, 1 + 0.11 * scaledSigmoid(1 / 9));
    assert.ok(s.raw < 1 && s.raw > 1 - 0.11 / 2);
    // Far after (≥ 3 widths): the full |A_fp|.
    close(scoreDetections(prepared, only(100, 190)).raw, 1 - 0.11);
  });

  it('ignores detections in the probationary period', () => {
    const s = scoreDetections(prepared, only(0, 10, 29));
    assert.equal(s.raw, -1);
    assert.equal(s.fp, 0);
    close(scoreDetections(prepared, only(30)).raw, -1.11);
  });

  it('does not score a window wholly inside the probationary period', () => {
    const early = prepareSeries(timestamps, [
      { startMs: at(5), endMs: at(12) },
      { startMs: at(100), endMs: at(109) },
    ]);
    assert.equal(early.windows.length, 1);
    const s = scoreDetections(early, only(6, 100));
    close(s.raw, 1);
    assert.equal(s.perfect, 1);
  });

  it('thresholds scores with score ≥ threshold', () => {
    const scores = new Float64Array(200);
    scores[100] = 0.8;
    scores[50] = 0.5;
    close(scoreAtThreshold(prepared, scores, 0.8).raw, 1);
    close(scoreAtThreshold(prepared, scores, 0.5).raw, 1 - 0.11);
    close(scoreAtThreshold(prepared, scores, 0.81).raw, -1);
  });

  it('uses the profile given', () => {
    const lowFn = prepareSeries(timestamps, [{ startMs: at(100), endMs: at(109) }], {
      aTp: 1,
      aFp: -0.11,
      aFn: -2,
    });
    assert.equal(scoreDetections(lowFn, () => false).raw, -2);
    assert.equal(STANDARD_PROFILE.aFp, -0.11);
  });
});

describe('NAB corpus normalisation and threshold choice', () => {
  const timestamps = hours(200);
  const a = prepareSeries(timestamps, [
    { startMs: at(60), endMs: at(69) },
    { startMs: at(150), endMs: at(159) },
  ]);
  const b = prepareSeries(timestamps, [{ startMs: at(100), endMs: at(119) }]);

  it('sums raw, null and perfect over series before normalising', () => {
    const sa = scoreDetections(a, only(60)); // 1 − 1 = 0
    const sb = scoreDetections(b, only(100)); // 1
    const total = sumScores([sa, sb]);
    close(total.raw, 1);
    assert.equal(total.nullScore, -3);
    assert.equal(total.perfect, 3);
    close(normalisedScore(total), (100 * 4) / 6);
    assert.equal(total.tp, 2);
    assert.equal(total.fn, 1);
  });

  it('picks the threshold with the best summed raw score', () => {
    const sa = new Float64Array(200);
    const sb = new Float64Array(200);
    sa[60] = 0.9;
    sa[150] = 0.6;
    sa[40] = 0.7; // a false positive between the two true ones
    sb[100] = 0.95;
    const best = bestThreshold(
      [0.5, 0.6, 0.7, 0.9, 0.95, 1],
      (t) => scoreAtThreshold(a, sa, t).raw + scoreAtThreshold(b, sb, t).raw,
    );
    // At 0.6 every window is caught at its first row, for one false positive: 3 − 0.11.
    assert.equal(best.threshold, 0.6);
    close(best.raw, 3 - 0.11);
  });

  it('rejects overlapping windows and unordered timestamps', () => {
    assert.throws(() =>
      prepareSeries(timestamps, [
        { startMs: at(10), endMs: at(20) },
        { startMs: at(15), endMs: at(30) },
      ]),
    );
    assert.throws(() => prepareSeries([T0, T0], []));
  });
});
