// Turns a signal's series (observed, baseline and its band, per bucket) into the aligned arrays the chart draws,
// with the onset as a position on the time axis and the value scale people read (shares in percent). Pure.
import type { SignalSeries } from '@contracts';

export interface SignalChartData {
  /** Unix seconds, ascending. */
  timestamps: number[];
  observed: (number | null)[];
  expected: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Unix seconds of the onset, or null when it falls outside the series. */
  onset: number | null;
  /** The highest observed value, its time (unix seconds). */
  peak: { t: number; value: number } | null;
}

export function buildSignalChart(series: SignalSeries, onsetAt: string | null): SignalChartData {
  const scale = series.metric === 'negative_share' ? 100 : 1;
  const points = series.points
    .map((p) => ({ ...p, ms: Date.parse(p.t) }))
    .filter((p) => Number.isFinite(p.ms))
    .sort((a, b) => a.ms - b.ms);
  const out: SignalChartData = {
    timestamps: [],
    observed: [],
    expected: [],
    lower: [],
    upper: [],
    onset: null,
    peak: null,
  };
  const scaled = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v * scale);
  let lastT: number | null = null;
  for (const p of points) {
    const t = Math.floor(p.ms / 1000);
    if (t === lastT) continue; // one point per bucket
    lastT = t;
    out.timestamps.push(t);
    const observed = scaled(p.observed);
    out.observed.push(observed);
    out.expected.push(scaled(p.expected));
    // The band never goes below zero: counts and shares cannot.
    out.lower.push(p.lower === null ? null : Math.max(0, scaled(p.lower)!));
    out.upper.push(scaled(p.upper));
    if (observed !== null && (out.peak === null || observed > out.peak.value)) {
      out.peak = { t, value: observed };
    }
  }
  if (onsetAt) {
    const onset = Math.floor(Date.parse(onsetAt) / 1000);
    const first = out.timestamps[0];
    const last = out.timestamps.at(-1);
    if (first !== undefined && last !== undefined && onset >= first && onset <= last + series.bucketSeconds) {
      out.onset = onset;
    }
  }
  return out;
}
