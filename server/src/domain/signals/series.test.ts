import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createSeriesState,
  isEpisodeOpen,
  PLATFORM_SEVERITY_THRESHOLDS,
  stepSeries,
  traceOf,
} from './series';

const minute = 60_000;
const t0 = Date.UTC(2026, 0, 5, 0, 0);

/** A seeded Poisson-ish stream: deterministic noise around `rate`. */
function counts(n: number, rate: number, seed = 7): number[] {
  let a = seed;
  const r = () => {
    a = (a * 1_103_515_245 + 12_345) % 2 ** 31;
    return a / 2 ** 31;
  };
  return Array.from({ length: n }, () => {
    const limit = Math.exp(-rate);
    let k = 0;
    let p = r();
    while (p > limit) {
      k += 1;
      p *= r();
    }
    return k;
  });
}

function feed(state: ReturnType<typeof createSeriesState>, from: number, values: number[], negShare = 0.2) {
  const fires = [];
  for (let i = 0; i < values.length; i += 1) {
    const count = values[i]!;
    const negativeCount = Math.round(count * negShare);
    const step = stepSeries(state, t0 + (from + i) * minute, {
      count,
      negativeCount,
      reach: count * 100,
      negativeWeight: negativeCount * 100,
    });
    fires.push(...step.fires.map((f) => ({ ...f, index: from + i })));
  }
  return fires;
}

describe('series detectors', () => {
  it('stays quiet on steady traffic after warm-up, then fires at the onset of a blow-up and once per level', () => {
    const state = createSeriesState(t0, { warmupHours: 2 });
    const normal = counts(360, 20);
    const quiet = feed(state, 0, normal);
    assert.equal(quiet.filter((f) => f.index >= 120).length, 0, 'no fire on normal traffic once warm');
    const spike = feed(
      state,
      360,
      counts(30, 20, 3).map((c) => c * 8),
      0.6,
    );
    const onsets = spike.filter((f) => f.isOnset);
    assert.ok(
      onsets.some((f) => f.metric === 'volume' && f.index === 360),
      'volume fires at the onset bucket',
    );
    const volumeFires = spike.filter((f) => f.metric === 'volume');
    assert.ok(volumeFires.length <= 4, 'at most one fire per severity level in one episode');
    assert.ok(isEpisodeOpen(state));
    const v = volumeFires[0]!;
    assert.ok(v.observed > v.expected * 4 && v.observed > v.upper);
  });

  it('round-trips through JSON and continues with identical scores', () => {
    const a = createSeriesState(t0, { warmupHours: 1 });
    feed(a, 0, counts(200, 5));
    const b = JSON.parse(JSON.stringify(a)) as typeof a;
    const next = counts(50, 5, 11).map((c, i) => (i === 20 ? c * 10 : c));
    const fa = feed(a, 200, next);
    const fb = feed(b, 200, next);
    assert.deepEqual(fa, fb);
    assert.deepEqual(traceOf(a, 'volume'), traceOf(b, 'volume'));
    assert.equal(traceOf(a, 'volume').length, 30);
  });

  it('refuses buckets out of order and uses stricter thresholds for platform series', () => {
    const s = createSeriesState(t0, { thresholds: PLATFORM_SEVERITY_THRESHOLDS });
    stepSeries(s, t0, { count: 1, negativeCount: 0, reach: 0, negativeWeight: 0 });
    assert.throws(
      () => stepSeries(s, t0, { count: 1, negativeCount: 0, reach: 0, negativeWeight: 0 }),
      RangeError,
    );
    assert.equal(s.episodes.volume.thresholds.low, 0.9);
  });
});
