import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetectorState, scoreSeries, updateDetector } from './seasonal-detector';
import type { DetectorState } from './seasonal-detector';

// A tiny seeded generator, so every fact below is reproducible.
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, lambda: number): number {
  if (lambda > 50) {
    const u = Math.max(random(), 1e-12);
    const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

const START = Date.UTC(2026, 0, 5);
const FIVE_MINUTES = 5 * 60_000;
const PER_DAY = 288;

function series(
  length: number,
  rate: (i: number) => number,
  seed = 1,
): { times: number[]; values: number[] } {
  const random = seededRandom(seed);
  const times = Array.from({ length }, (_, i) => START + i * FIVE_MINUTES);
  const values = times.map((_, i) => poisson(random, rate(i)));
  return { times, values };
}

const daily = (i: number): number => 1 + 0.7 * Math.sin((2 * Math.PI * (i % PER_DAY)) / PER_DAY);

describe('seasonal detector', () => {
  it('keeps scores low on flat Poisson noise', () => {
    const { times, values } = series(7 * PER_DAY, () => 20);
    const scores = scoreSeries(times, values).slice(PER_DAY);
    assert.ok(Math.max(...scores) < 0.7, `max score ${Math.max(...scores)}`);
    // A score of 0.5 is a z-score near 2.9: Gaussian noise exceeds it in about 0.2% of buckets.
    const high = scores.filter((s) => s > 0.5).length;
    assert.ok(high <= scores.length * 0.01, `${high} of ${scores.length} scores above 0.5`);
  });

  it('keeps scores low on a low-volume series where a bucket of 2 or 3 is ordinary noise', () => {
    const { times, values } = series(7 * PER_DAY, () => 0.2, 3);
    const scores = scoreSeries(times, values).slice(PER_DAY);
    assert.ok(Math.max(...values) >= 2);
    assert.ok(Math.max(...scores) < 0.7, `max score ${Math.max(...scores)}`);
  });

  it('scores the first bucket of an injected 6× spike near 1 and above every ordinary bucket', () => {
    const onset = 5 * PER_DAY + 100;
    const { times, values } = series(
      7 * PER_DAY,
      (i) => 30 * daily(i) * (i >= onset && i < onset + 36 ? 6 : 1),
    );
    const scores = scoreSeries(times, values);
    const onsetScore = scores[onset] ?? 0;
    assert.ok(onsetScore > 0.99, `onset score ${onsetScore}`);
    const ordinary = scores.filter((_, i) => i >= PER_DAY && (i < onset || i >= onset + 36));
    assert.ok(Math.max(...ordinary) < 0.7, `highest ordinary score ${Math.max(...ordinary)}`);
    assert.equal(scores[onset - 1] !== undefined && scores[onset - 1]! < 0.7, true);
  });

  it('barely lets a spike pollute the baseline', () => {
    const onset = 4 * PER_DAY + 60;
    const { times, values } = series(6 * PER_DAY, (i) => 40 * (i >= onset && i < onset + 36 ? 8 : 1), 21);
    const state = createDetectorState();
    const expected = times.map((t, i) => updateDetector(state, t, values[i] ?? 0).expected);
    const before = expected[onset] ?? 0;
    assert.ok(
      (expected[onset + 36] ?? 0) < before * 1.25,
      `${expected[onset + 36]} after vs ${before} before`,
    );
    // A day later, at the spike's time of day, the baseline expects the usual volume.
    assert.ok((expected[onset + PER_DAY] ?? 0) < 40 * 1.15, `next day: ${expected[onset + PER_DAY]}`);
  });

  it('absorbs a lasting step change within a day (a new normal stops scoring)', () => {
    const step = 4 * PER_DAY;
    const { times, values } = series(7 * PER_DAY, (i) => 30 * daily(i) * (i >= step ? 3 : 1), 23);
    const scores = scoreSeries(times, values);
    assert.ok((scores[step] ?? 0) > 0.9, `step onset ${scores[step]}`);
    assert.ok(
      Math.max(...scores.slice(step + PER_DAY)) < 0.7,
      `a day later: ${Math.max(...scores.slice(step + PER_DAY))}`,
    );
  });

  it('is causal: the scores of a prefix equal the first scores of the full series', () => {
    const { times, values } = series(4 * PER_DAY, (i) => 10 * daily(i) * (i > 3 * PER_DAY ? 3 : 1));
    const full = scoreSeries(times, values);
    const prefix = scoreSeries(times.slice(0, 2 * PER_DAY + 17), values.slice(0, 2 * PER_DAY + 17));
    assert.deepEqual(prefix, full.slice(0, prefix.length));
  });

  it('learns a daily pattern, so the daily peak does not fire once a few days are seen', () => {
    const { times, values } = series(10 * PER_DAY, (i) => 50 * daily(i), 5);
    const state = createDetectorState();
    const peakScores: number[] = [];
    const peakExpected: number[] = [];
    times.forEach((t, i) => {
      const result = updateDetector(state, t, values[i] ?? 0);
      if (i >= 3 * PER_DAY && i % PER_DAY === PER_DAY / 4) {
        peakScores.push(result.score);
        peakExpected.push(result.expected);
      }
    });
    assert.ok(Math.max(...peakScores) < 0.5, `peak scores ${peakScores.join(', ')}`);
    // The expectation at the peak (rate 85) follows the pattern rather than the daily mean (50).
    for (const expected of peakExpected) {
      assert.ok(Math.abs(expected - 85) < 10, `expected ${expected} at the peak`);
    }
  });

  it('learns a weekly pattern on hourly buckets: a quiet weekend is not an anomaly, nor its Monday', () => {
    const hour = 3_600_000;
    const random = seededRandom(11);
    const state = createDetectorState();
    const lateScores: number[] = [];
    for (let i = 0; i < 5 * 7 * 24; i += 1) {
      const day = Math.floor(i / 24) % 7;
      const rate = 200 * (day >= 5 ? 0.4 : 1) * (1 + 0.5 * Math.sin((2 * Math.PI * (i % 24)) / 24));
      const { score } = updateDetector(state, START + i * hour, poisson(random, rate));
      if (i >= 3 * 7 * 24) lateScores.push(score);
    }
    assert.equal(state.bucketSeconds, 3600);
    assert.ok(Math.max(...lateScores) < 0.7, `max score in weeks 4-5: ${Math.max(...lateScores)}`);
  });

  it('follows slow growth: a 2× trend over four weeks does not fire', () => {
    const days = 28;
    const { times, values } = series(days * PER_DAY, (i) => 40 * daily(i) * 2 ** (i / (days * PER_DAY)), 7);
    const scores = scoreSeries(times, values).slice(PER_DAY);
    assert.ok(Math.max(...scores) < 0.7, `max score ${Math.max(...scores)}`);
  });

  it('gives low scores while warming up, even to a spike', () => {
    const { times, values } = series(PER_DAY, () => 20);
    values[30] = 200;
    const scores = scoreSeries(times, values);
    assert.ok((scores[30] ?? 1) < 0.1, `score ${scores[30]} during warm-up`);
    assert.ok(scores.slice(0, 20).every((s) => s === 0));
  });

  it('continues identically after a JSON round-trip of its state', () => {
    const { times, values } = series(5 * PER_DAY, (i) => 25 * daily(i) * (i > 4 * PER_DAY + 50 ? 4 : 1), 9);
    const split = 3 * PER_DAY + 41;
    const original = createDetectorState();
    for (let i = 0; i < split; i += 1) updateDetector(original, times[i] ?? 0, values[i] ?? 0);
    const restored = JSON.parse(JSON.stringify(original)) as DetectorState;
    const after = (state: DetectorState): number[] =>
      times.slice(split).map((t, k) => {
        const r = updateDetector(state, t, values[split + k] ?? 0);
        return r.score + r.expected + r.upper;
      });
    assert.deepEqual(after(restored), after(original));
  });

  it('scores a missing bucket 0 and learns nothing from it', () => {
    const { times, values } = series(2 * PER_DAY, () => 20);
    const state = createDetectorState();
    for (let i = 0; i < times.length; i += 1) updateDetector(state, times[i] ?? 0, values[i] ?? 0);
    const before = JSON.stringify({ ...state, lastTimestamp: null });
    const result = updateDetector(state, START + 2 * PER_DAY * FIVE_MINUTES, null);
    assert.equal(result.score, 0);
    assert.equal(JSON.stringify({ ...state, lastTimestamp: null }), before);
  });

  it('gives a baseline band around the expectation', () => {
    const { times, values } = series(3 * PER_DAY, () => 100);
    const state = createDetectorState();
    let last = updateDetector(state, times[0] ?? 0, values[0] ?? 0);
    for (let i = 1; i < times.length; i += 1) last = updateDetector(state, times[i] ?? 0, values[i] ?? 0);
    assert.ok(Math.abs(last.expected - 100) < 8, `expected ${last.expected}`);
    assert.ok(last.lower < last.expected && last.expected < last.upper);
    assert.ok(last.upper - last.expected > 20 && last.upper - last.expected < 60, `upper ${last.upper}`);
  });

  it('scores drops only when asked to', () => {
    const drop = 3 * PER_DAY;
    const { times, values } = series(4 * PER_DAY, (i) => (i >= drop && i < drop + 12 ? 0.5 : 200), 13);
    assert.ok((scoreSeries(times, values)[drop] ?? 1) < 0.1);
    assert.ok((scoreSeries(times, values, { direction: 'both' })[drop] ?? 0) > 0.9);
  });

  it('scores a fractional series (a share) with the continuous noise model', () => {
    const random = seededRandom(17);
    const times = Array.from({ length: 4 * PER_DAY }, (_, i) => START + i * FIVE_MINUTES);
    const values = times.map((_, i) => (i === 3 * PER_DAY ? 0.6 : 0.2 + 0.02 * (random() - 0.5)));
    const scores = scoreSeries(times, values);
    assert.ok((scores[3 * PER_DAY] ?? 0) > 0.99);
    assert.ok(Math.max(...scores.slice(PER_DAY, 3 * PER_DAY)) < 0.7);
  });

  it('rejects timestamps that do not increase and negative values', () => {
    const state = createDetectorState();
    updateDetector(state, START, 1);
    assert.throws(() => updateDetector(state, START, 1), RangeError);
    assert.throws(() => updateDetector(state, START + FIVE_MINUTES, -1), RangeError);
  });

  it('evaluates 10,000 warmed-up series with one new bucket each well within a second', () => {
    const warmed = createDetectorState();
    const { times, values } = series(2 * PER_DAY, (i) => 20 * daily(i));
    times.forEach((t, i) => updateDetector(warmed, t, values[i] ?? 0));
    const states = Array.from({ length: 10_000 }, () => structuredClone(warmed));
    const next = START + 2 * PER_DAY * FIVE_MINUTES;
    const started = performance.now();
    for (const state of states) updateDetector(state, next, 25);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `${elapsed.toFixed(1)} ms`);
  });
});
