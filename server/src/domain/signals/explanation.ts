// The words and figures of a signal's explanation: summary lines, readings, evidence posts, platforms, chart.
// Pure.
import type {
  SignalMetric,
  SignalMetricReading,
  SignalPlatformImpact,
  SignalPost,
  SignalSeries,
  SignalSeriesPoint,
  SignalSeverity,
} from '../../../../contracts';
import { signalMetricLabels } from '../../../../contracts';
import { severityRank } from './merge';

export function formatFigure(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function formatMetricValue(metric: SignalMetric, value: number): string {
  if (metric === 'negative_share') return `${(value * 100).toFixed(0)}%`;
  if (metric === 'acceleration') return `${value >= 0 ? '+' : ''}${value.toFixed(1)}σ`;
  return formatFigure(value);
}

export function ratioOf(observed: number, expected: number): number | null {
  return expected > 1e-9 ? observed / expected : null;
}

const platformNames: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  reddit: 'Reddit',
  linkedin: 'LinkedIn',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  news: 'news',
  other: 'other sources',
};

export function platformName(platform: string | null): string {
  return platform === null ? 'all platforms' : (platformNames[platform] ?? platform);
}

/** `Mentions per minute of Acme on X: 412 against 35 expected (×11.8).` */
export function readingSentence(
  brandName: string,
  r: Pick<SignalMetricReading, 'metric' | 'platform' | 'observed' | 'expected'>,
): string {
  const ratio = ratioOf(r.observed, r.expected);
  const times = ratio !== null && r.metric !== 'negative_share' ? ` (×${ratio.toFixed(1)})` : '';
  return (
    `${signalMetricLabels[r.metric]} of ${brandName} on ${platformName(r.platform)}: ` +
    `${formatMetricValue(r.metric, r.observed)} against ${formatMetricValue(r.metric, r.expected)} expected${times}.`
  );
}

/** Keeps the latest reading per metric × platform, strongest first (at most `limit`). */
export function mergeReadings(
  existing: readonly SignalMetricReading[],
  incoming: readonly SignalMetricReading[],
  limit = 20,
): SignalMetricReading[] {
  const byKey = new Map<string, SignalMetricReading>();
  for (const r of [...existing, ...incoming]) {
    const key = `${r.metric}|${r.platform ?? '*'}`;
    const before = byKey.get(key);
    if (!before || Date.parse(r.t) >= Date.parse(before.t)) byKey.set(key, r);
  }
  return [...byKey.values()]
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        b.score - a.score ||
        (a.platform === null ? -1 : 0) - (b.platform === null ? -1 : 0),
    )
    .slice(0, limit);
}

export interface PostCandidate {
  mentionId: string;
  platform: SignalPost['platform'];
  author: string;
  authorFollowers: number | null;
  text: string;
  url: string | null;
  reach: number;
  sentiment: SignalPost['sentiment'];
  engagement: number;
  createdAt: string;
}

/**
 * Evidence posts: flagged ones first (high-reach negatives, fast engagement), then the negative posts with the
 * largest reach, then others by reach; each author at most twice.
 */
export function selectTopPosts(
  candidates: readonly PostCandidate[],
  flagged: ReadonlyMap<string, SignalPost['reason']>,
  limit = 8,
): SignalPost[] {
  const rank = (p: PostCandidate) =>
    (flagged.has(p.mentionId) ? 2 : 0) + (p.sentiment === 'negative' ? 1 : 0);
  const sorted = [...candidates].sort((a, b) => rank(b) - rank(a) || b.reach - a.reach);
  const perAuthor = new Map<string, number>();
  const out: SignalPost[] = [];
  for (const p of sorted) {
    const n = perAuthor.get(p.author) ?? 0;
    if (n >= 2) continue;
    perAuthor.set(p.author, n + 1);
    out.push({
      ...p,
      text: p.text.slice(0, 1000),
      reason: flagged.get(p.mentionId) ?? (out.length < 3 ? 'top_reach' : 'sample'),
    });
    if (out.length >= limit) break;
  }
  return out;
}

export interface PlatformWindow {
  platform: SignalPlatformImpact['platform'];
  count: number;
  negativeCount: number;
  /** Sum of the baseline's expectation over the same buckets, when the platform has a detector. */
  expected: number | null;
}

export function platformImpacts(
  windows: readonly PlatformWindow[],
  readings: readonly SignalMetricReading[],
): SignalPlatformImpact[] {
  return windows
    .filter((w) => w.count > 0)
    .map((w) => {
      const scores = readings.filter((r) => r.platform === w.platform).map((r) => r.score);
      return {
        platform: w.platform,
        count: w.count,
        expected: w.expected,
        negativeShare: w.count > 0 ? w.negativeCount / w.count : null,
        score: scores.length > 0 ? Math.max(...scores) : null,
      };
    })
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.count - a.count);
}

/** Platforms a signal is about: those whose detectors fired, else those carrying most of the window's mentions. */
export function affectedPlatforms(
  readings: readonly SignalMetricReading[],
  impacts: readonly SignalPlatformImpact[],
): SignalPlatformImpact['platform'][] {
  const fired = new Set(
    readings.map((r) => r.platform).filter((p): p is NonNullable<typeof p> => p !== null),
  );
  if (fired.size > 0) return [...fired].sort();
  const total = impacts.reduce((s, i) => s + i.count, 0);
  return impacts
    .filter((i) => total > 0 && i.count / total >= 0.15)
    .map((i) => i.platform)
    .sort();
}

/**
 * Merges chart points: `traced` (with baseline) win over `context` (observed only, from the rollups) at the same
 * bucket; sorted by time, at most `limit` (the latest).
 */
export function mergeSeriesPoints(
  context: readonly SignalSeriesPoint[],
  traced: readonly SignalSeriesPoint[],
  limit = 600,
): SignalSeriesPoint[] {
  const byT = new Map<string, SignalSeriesPoint>();
  for (const p of context) byT.set(p.t, p);
  for (const p of traced) byT.set(p.t, p);
  return [...byT.values()].sort((a, b) => Date.parse(a.t) - Date.parse(b.t)).slice(-limit);
}

export function emptySeries(metric: SignalMetric, platform: SignalSeries['platform']): SignalSeries {
  return { metric, platform, bucketSeconds: 60, points: [] };
}

export function signalTitle(
  brandName: string,
  kind: 'spike' | 'narrative' | 'high_reach',
  detail: { metric?: SignalMetric; platform?: string | null; term?: string },
): string {
  switch (kind) {
    case 'spike': {
      const what =
        detail.metric === 'negative_share' || detail.metric === 'negative_reach'
          ? 'Negative spike'
          : detail.metric === 'acceleration'
            ? 'Mentions accelerating'
            : 'Mention spike';
      const where = detail.platform ? ` on ${platformName(detail.platform)}` : '';
      return `${what} for ${brandName}${where}`;
    }
    case 'narrative':
      return `Emerging narrative about ${brandName}${detail.term ? `: “${detail.term}”` : ''}`;
    case 'high_reach':
      return `High-reach post about ${brandName}`;
  }
}

export function severityLabel(severity: SignalSeverity): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}
