// Turns rollup series (one per brand, each with one series per platform) into the aligned arrays the charts
// want: one timestamp per bucket over the whole window (buckets without mentions are zero), the volume of the
// busiest platforms (the rest summed as "Other platforms", so the chart stays readable), and the negative
// share over a rolling window (a single minute holds too few mentions for a share to mean anything). Pure.
import type { Platform, RollupBucket, RollupSeries } from '@contracts';
import { platforms as platformOrder } from '@contracts';

export interface PlatformSeries {
  /** A platform, or 'rest' for the sum of the less busy ones. */
  key: Platform | 'rest';
  platforms: Platform[];
  count: number;
  volume: number[];
  /** Percent negative over the rolling window ending at each bucket; null where it held no mention. */
  negativeShare: (number | null)[];
}

export interface ChartData {
  /** Unix seconds, one per bucket, ascending. */
  timestamps: number[];
  /** Busiest first; at most `maxSeries` entries, the last of which may be 'rest'. */
  series: PlatformSeries[];
  negativeShareAll: (number | null)[];
  /** Mentions in the window, all platforms. */
  total: number;
  negative: number;
}

export const bucketSeconds: Record<RollupBucket, number> = { minute: 60, hour: 3600, day: 86_400 };

function rollingShare(counts: readonly number[], negatives: readonly number[], window: number) {
  const out: (number | null)[] = [];
  let c = 0;
  let n = 0;
  for (let i = 0; i < counts.length; i++) {
    c += counts[i]!;
    n += negatives[i]!;
    if (i >= window) {
      c -= counts[i - window]!;
      n -= negatives[i - window]!;
    }
    out.push(c > 0 ? Math.round((n / c) * 1000) / 10 : null);
  }
  return out;
}

export function buildChartData(
  series: readonly RollupSeries[],
  bucket: RollupBucket,
  sinceMs: number,
  untilMs: number,
  { maxSeries = 6, shareWindow = 1 }: { maxSeries?: number; shareWindow?: number } = {},
): ChartData {
  const step = bucketSeconds[bucket];
  const first = Math.floor(sinceMs / 1000 / step) * step;
  const last = Math.floor(untilMs / 1000 / step) * step;
  const timestamps: number[] = [];
  for (let t = first; t <= last; t += step) timestamps.push(t);
  const index = new Map(timestamps.map((t, i) => [t, i]));
  const zeros = () => new Array<number>(timestamps.length).fill(0);
  const counts = new Map<Platform, number[]>();
  const negatives = new Map<Platform, number[]>();
  const allCounts = zeros();
  const allNegatives = zeros();
  let total = 0;
  let negative = 0;
  for (const brandSeries of series) {
    for (const { platform, points } of brandSeries.series) {
      for (const point of points) {
        const t = Math.floor(Date.parse(point.t) / 1000 / step) * step;
        const i = index.get(t);
        if (i === undefined) continue;
        if (!counts.has(platform)) {
          counts.set(platform, zeros());
          negatives.set(platform, zeros());
        }
        counts.get(platform)![i]! += point.count;
        negatives.get(platform)![i]! += point.negativeCount;
        allCounts[i]! += point.count;
        allNegatives[i]! += point.negativeCount;
        total += point.count;
        negative += point.negativeCount;
      }
    }
  }
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const ranked = platformOrder
    .filter((p) => counts.has(p))
    .sort((a, b) => sum(counts.get(b)!) - sum(counts.get(a)!));
  const own = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const rest = ranked.slice(own.length);
  const out: PlatformSeries[] = own.map((p) => ({
    key: p,
    platforms: [p],
    count: sum(counts.get(p)!),
    volume: counts.get(p)!,
    negativeShare: rollingShare(counts.get(p)!, negatives.get(p)!, shareWindow),
  }));
  if (rest.length > 0) {
    const c = zeros();
    const n = zeros();
    for (const p of rest) {
      counts.get(p)!.forEach((v, i) => (c[i]! += v));
      negatives.get(p)!.forEach((v, i) => (n[i]! += v));
    }
    out.push({
      key: 'rest',
      platforms: rest,
      count: sum(c),
      volume: c,
      negativeShare: rollingShare(c, n, shareWindow),
    });
  }
  return {
    timestamps,
    series: out,
    negativeShareAll: rollingShare(allCounts, allNegatives, shareWindow),
    total,
    negative,
  };
}
