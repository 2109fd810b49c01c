// A deterministic generator of realistic mention streams for one brand, minute by minute: daily and weekly
// seasonality, Poisson counts, heavy-tailed author audiences, sentiment-bearing texts that name the brand, a mix of
// platforms, and crisis shapes (instant blow-up, dormant-then-viral, influencer-triggered waves).
// Pure: the same settings and minute always give the same mentions.
import type { IncomingMention, Platform } from '../../../../contracts';

export type SimulatorCrisis = 'none' | 'instant_blow_up' | 'dormant_then_viral' | 'influencer_waves';

export interface SimulatorPlan {
  /** Names used in texts (the brand's keywords, else its name); the first is the most common. */
  keywords: readonly string[];
  /** Mean mentions per minute at an ordinary hour. */
  ratePerMinute: number;
  crisis: SimulatorCrisis;
  crisisStartMinutes: number;
  seed: number;
  /** Epoch ms of simulated minute 0. */
  startMs: number;
}

type Random = () => number;

/** mulberry32 */
function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

function normal(r: Random): number {
  return Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());
}

export function poisson(r: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda < 40) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = r();
    while (p > limit) {
      k++;
      p *= r();
    }
    return k;
  }
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(r)));
}

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const platformMix: readonly [Platform, number][] = [
  ['x', 30],
  ['bluesky', 14],
  ['reddit', 10],
  ['facebook', 10],
  ['instagram', 10],
  ['tiktok', 8],
  ['youtube', 7],
  ['mastodon', 5],
  ['news', 4],
  ['linkedin', 2],
];
const platformTotal = platformMix.reduce((s, [, w]) => s + w, 0);

function pickPlatform(r: Random): Platform {
  let x = r() * platformTotal;
  for (const [p, w] of platformMix) if ((x -= w) < 0) return p;
  return 'x';
}

const positive = [
  'Just tried {b} and honestly it is great, love it',
  'Shout out to {b} support, they fixed my problem in five minutes. Amazing service!',
  '{b} never disappoints. Best purchase this year #happy',
  'Really impressed by the new {b} release, well done team',
  'thank you {b} for the quick delivery, awesome as always',
  'Big fan of {b}. Recommended it to all my friends',
];
const neutral = [
  'Does anyone know if {b} ships to Canada?',
  'Reading about {b} and their plans for next year',
  '{b} announced a new store opening downtown',
  'Comparing {b} with the alternatives before I decide',
  'What time does {b} customer service open on weekends?',
  'New price list from {b} is out today',
];
const negative = [
  '{b} charged me twice and nobody answers. Terrible service',
  'Worst experience ever with {b}, never again',
  'My {b} order is two weeks late and support keeps ignoring me. So angry',
  'Disappointed with {b}, the quality has gone downhill',
  '{b} app keeps crashing, this is awful',
  'Why is {b} so bad at communicating? Frustrating',
];
const crisisTexts = [
  '{b} is down again and they say nothing. Outage for hours #{t}fail',
  'Is anyone else affected by the {b} data breach? My account was hacked #{t}fail',
  'Boycott {b}. Their statement today is a disgrace #boycott{t}',
  '{b} refund chaos: thousands of customers stuck, this is a scandal',
  'Unbelievable how {b} treats customers. Shame on you #{t}fail',
  'Furious at {b}. Cancelled my subscription, everyone should #boycott{t}',
];
const names = [
  'alex',
  'sam',
  'jo',
  'maria',
  'li',
  'noor',
  'tom',
  'ana',
  'kim',
  'ravi',
  'eva',
  'omar',
  'zoe',
  'ben',
];

/** 1 at an average hour: a daily curve peaking mid-afternoon UTC, nights at ~30%, weekends at 70%. */
export function seasonality(ms: number): number {
  const d = new Date(ms);
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const daily = 1 + 0.7 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
  const day = d.getUTCDay();
  const weekly = day === 0 || day === 6 ? 0.7 : 1.12;
  return Math.max(0.05, daily * weekly);
}

/** How many times normal traffic the crisis adds at `t` minutes after its start (0 before it). */
export function crisisExcess(shape: SimulatorCrisis, t: number): number {
  if (shape === 'none' || t < 0) return 0;
  switch (shape) {
    case 'instant_blow_up':
      return 9 * Math.exp(-t / 180);
    case 'dormant_then_viral':
      return Math.min(12, 0.1 * 2 ** (t / 20));
    case 'influencer_waves': {
      let excess = 0;
      for (let k = 0; k < 4; k++) {
        const s = t - 45 * k;
        if (s >= 0) excess += 2 * (k + 1) * Math.exp(-s / 15);
      }
      return excess;
    }
  }
}

/** Minutes into the crisis at which an influencer starts a wave (influencer_waves), for the first post of the wave. */
function waveStart(shape: SimulatorCrisis, t: number): boolean {
  return shape === 'influencer_waves' && t >= 0 && t < 180 && t % 45 === 0;
}

function tagOf(keyword: string): string {
  return keyword.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase() || 'brand';
}

/** The mentions of simulated minute `minute` (0-based) and their raw payloads. */
export function simulateMinute(
  plan: SimulatorPlan,
  minute: number,
): { mentions: IncomingMention[]; raw: unknown[] } {
  const r = seeded(hash2(plan.seed, minute));
  const startOfMinute = plan.startMs + minute * 60_000;
  const t = minute - plan.crisisStartMinutes;
  const excess = crisisExcess(plan.crisis, t);
  const lambda = plan.ratePerMinute * (seasonality(startOfMinute) + excess);
  const n = poisson(r, lambda);
  const crisisShare = excess / (1 + excess);
  const keywords = plan.keywords.length > 0 ? plan.keywords : ['brand'];
  const mentions: IncomingMention[] = [];
  const raw: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const keyword = r() < 0.7 ? keywords[0]! : pick(r, keywords);
    const influencer = i === 0 && waveStart(plan.crisis, t);
    const roll = r();
    let template: string;
    if (influencer || roll < crisisShare) template = pick(r, crisisTexts);
    else {
      const s = r();
      template = s < 0.22 ? pick(r, negative) : s < 0.62 ? pick(r, neutral) : pick(r, positive);
    }
    const text = template.replaceAll('{b}', keyword).replaceAll('{t}', tagOf(keyword));
    const platform = pickPlatform(r);
    // Pareto audience (alpha 1.1): most accounts have tens of followers, a few have millions.
    const followers = influencer
      ? 1_500_000 + Math.floor(r() * 1_000_000)
      : Math.min(50_000_000, Math.floor(15 * Math.max(r(), 1e-9) ** (-1 / 1.1)));
    const engagementRate = Math.exp(normal(r) * 0.8 - 4.2);
    const likes = Math.floor(followers * engagementRate * (influencer ? 3 : 1));
    const reposts = Math.floor(likes * 0.15 * r());
    const replies = Math.floor(likes * 0.08 * r());
    const handle = `${pick(r, names)}${Math.floor(r() * 10_000)}`;
    const second = Math.floor(r() * 60_000);
    const externalId = `sim-${plan.seed}-${minute}-${i}`;
    const mention: IncomingMention = {
      platform,
      externalId,
      url: null,
      author: { handle, name: handle.replace(/\d+$/, ''), followers, verified: followers > 1_000_000 },
      text,
      createdAt: new Date(startOfMinute + second).toISOString(),
      lang: 'en',
      engagement: {
        likes,
        reposts,
        replies,
        views: platform === 'x' || platform === 'youtube' ? likes * 40 : null,
      },
      replyTo: null,
      threadId: null,
      isOwn: false,
    };
    mentions.push(mention);
    raw.push({ simulator: { seed: plan.seed, minute, index: i, influencer } });
  }
  return { mentions, raw };
}
