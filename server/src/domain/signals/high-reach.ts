// High-reach alerts: a negative post by an author with a large audience, or a post gathering engagement
// unusually fast for its author's audience. Pure.

export interface ReachPost {
  id: string;
  followers: number | null;
  reach: number;
  negative: boolean;
  likes: number;
  reposts: number;
  replies: number;
  createdAtMs: number;
}

export interface HighReachOptions {
  /** A negative post reaching at least this many people is a high-reach alert (low severity)… */
  minNegativeReach?: number;
  /** …medium from here, high from here. */
  mediumReach?: number;
  highReach?: number;
  /** Engagement (likes + reposts + replies) a post needs before its speed counts at all. */
  minEngagement?: number;
  /** Engagement against what the author's audience usually gives a post of that age, that is unusual. */
  velocityRatio?: number;
  /** The share of an author's followers that engages with a typical post over its first hour. */
  typicalEngagementRate?: number;
}

const defaults: Required<HighReachOptions> = {
  minNegativeReach: 1_000_000,
  mediumReach: 5_000_000,
  highReach: 25_000_000,
  minEngagement: 500,
  velocityRatio: 20,
  typicalEngagementRate: 0.015,
};

export type HighReachReason = 'high_reach_negative' | 'fast_engagement';

export interface HighReachHit {
  id: string;
  reason: HighReachReason;
  severity: 'low' | 'medium' | 'high';
  /** A score in [0, 1] growing with reach or speed. */
  score: number;
  engagement: number;
}

/** Posts that deserve an alert on their own, most important first; `nowMs` gives each post's age. */
export function findHighReachPosts(
  posts: readonly ReachPost[],
  nowMs: number,
  options: HighReachOptions = {},
): HighReachHit[] {
  const o = { ...defaults, ...options };
  const hits: HighReachHit[] = [];
  for (const p of posts) {
    const engagement = p.likes + p.reposts + p.replies;
    if (p.negative && p.reach >= o.minNegativeReach) {
      const severity = p.reach >= o.highReach ? 'high' : p.reach >= o.mediumReach ? 'medium' : 'low';
      const score = Math.min(1, 0.7 + 0.1 * Math.log10(p.reach / o.minNegativeReach + 1));
      hits.push({ id: p.id, reason: 'high_reach_negative', severity, score, engagement });
      continue;
    }
    if (engagement < o.minEngagement) continue;
    // What the audience gives a typical post in its first hour, and proportionally after that: a post far
    // above it (young or not) is spreading beyond its author's audience.
    const ageHours = Math.max(1, (nowMs - p.createdAtMs) / 3_600_000);
    const expected = Math.max(p.followers ?? 0, 100) * o.typicalEngagementRate * ageHours;
    const ratio = engagement / expected;
    if (ratio >= o.velocityRatio) {
      const severity = ratio >= o.velocityRatio * 10 && p.negative ? 'medium' : 'low';
      const score = Math.min(1, 0.7 + 0.1 * Math.log10(ratio / o.velocityRatio + 1));
      hits.push({ id: p.id, reason: 'fast_engagement', severity, score, engagement });
    }
  }
  const rank = { high: 2, medium: 1, low: 0 } as const;
  return hits.sort((a, b) => rank[b.severity] - rank[a.severity] || b.score - a.score);
}
