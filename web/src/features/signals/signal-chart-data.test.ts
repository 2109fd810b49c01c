import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SignalSeries } from '@contracts';
import { buildSignalChart } from './signal-chart-data';

const point = (minute: number, observed: number | null, expected: number | null, band = 3) => ({
  t: new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString(),
  observed,
  expected,
  lower: expected === null ? null : expected - band,
  upper: expected === null ? null : expected + band,
  score: null,
});

describe('buildSignalChart', () => {
  it('aligns the series by time, clips the band at zero, finds the peak and places the onset', () => {
    const series: SignalSeries = {
      metric: 'volume',
      platform: null,
      bucketSeconds: 60,
      // Out of order and with a repeated bucket, as a merge of sources could give.
      points: [point(2, 40, 2), point(0, 2, 2), point(1, 1, 1), point(1, 1, 1), point(3, null, 2)],
    };
    const chart = buildSignalChart(series, '2026-03-01T10:02:00.000Z');
    const t0 = Date.UTC(2026, 2, 1, 10, 0) / 1000;
    assert.deepEqual(chart.timestamps, [t0, t0 + 60, t0 + 120, t0 + 180]);
    assert.deepEqual(chart.observed, [2, 1, 40, null]);
    assert.deepEqual(chart.lower, [0, 0, 0, 0]);
    assert.deepEqual(chart.upper, [5, 4, 5, 5]);
    assert.deepEqual(chart.peak, { t: t0 + 120, value: 40 });
    assert.equal(chart.onset, t0 + 120);
  });

  it('shows shares in percent and drops an onset outside the series', () => {
    const series: SignalSeries = {
      metric: 'negative_share',
      platform: 'x',
      bucketSeconds: 60,
      points: [{ ...point(0, 0.5, 0.2, 0.1) }],
    };
    const chart = buildSignalChart(series, '2026-03-01T12:00:00.000Z');
    assert.deepEqual(chart.observed, [50]);
    assert.deepEqual(chart.expected, [20]);
    assert.equal(chart.onset, null);
    assert.equal(buildSignalChart({ ...series, points: [] }, null).peak, null);
  });
});
