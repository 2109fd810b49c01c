// Emerging narratives ("what people are saying"): terms, hashtags and two-word phrases whose share of a brand's
// mentions jumps against its baseline, and clusters of near-identical posts (copy-paste campaigns) whose rate
// jumps likewise. The baseline is a JSON-safe state of exponentially forgetting shares, learned scan after scan.
// Pure.

export type TermKind = 'term' | 'hashtag' | 'phrase';

export interface NarrativePost {
  id: string;
  text: string;
  author: string;
  platform: string;
}

export interface TermSurge {
  term: string;
  kind: TermKind;
  count: number;
  expected: number;
  ratio: number;
}

export interface PostCluster {
  text: string;
  size: number;
  distinctAuthors: number;
  platforms: string[];
  mentionIds: string[];
  /** The cluster's fingerprint (normalised text of its first post): its baseline key. */
  key: string;
  expected: number;
  ratio: number;
}

export interface NarrativeBaseline {
  v: 1;
  /** Minutes of mentions learned so far (forgetting). */
  minutes: number;
  /** Forgetting count of mentions learned. */
  posts: number;
  /** Forgetting count of mentions containing each term, and of each cluster fingerprint. */
  terms: Record<string, number>;
  clusters: Record<string, number>;
}

export interface NarrativeOptions {
  /** Baseline memory (half-life) in hours. */
  halfLifeHours?: number;
  /** Minutes of history before surges count. */
  warmupMinutes?: number;
  /** A surge needs at least this many mentions in the window… */
  minCount?: number;
  /** …and this many times what the baseline share predicts (after adding `priorCount`). */
  minRatio?: number;
  /** Added to the expected count (a term never seen is not infinitely surprising). */
  priorCount?: number;
  /** Terms and clusters kept in the baseline. */
  maxTerms?: number;
}

const defaults: Required<NarrativeOptions> = {
  halfLifeHours: 24,
  warmupMinutes: 120,
  minCount: 8,
  minRatio: 4,
  priorCount: 2,
  maxTerms: 2000,
};

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it ' +
    'its just me my no not of on or our out she so than that the their them then there these they this to too up ' +
    'us was we were what when where which who why will with would you your yours im ive dont cant its all any ' +
    'about after again also am more most much one only other over same some such very get got any rt via amp now ' +
    'today still even really'
  ).split(' '),
);

/** Lower-cased words (letters, digits, apostrophes inside), hashtags kept with their #. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /#[\p{L}\p{N}_]+|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
  const clean = text.replace(/https?:\/\/\S+/g, ' ').replace(/@[\w.]+/g, ' ');
  for (const m of clean.matchAll(re)) out.push(m[0].toLowerCase().replace(/’/g, "'"));
  return out;
}

/** The distinct terms, hashtags and two-word phrases of a post (stopwords and very short words left out). */
export function postTerms(text: string): Map<string, TermKind> {
  const found = new Map<string, TermKind>();
  const words = tokens(text);
  let previous: string | null = null;
  for (const w of words) {
    if (w.startsWith('#')) {
      if (w.length > 2) found.set(w, 'hashtag');
      previous = null;
      continue;
    }
    const content = w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w);
    if (content) {
      found.set(w, 'term');
      if (previous !== null) found.set(`${previous} ${w}`, 'phrase');
      previous = w;
    } else {
      previous = null;
    }
  }
  return found;
}

/** A post's fingerprint for copy-paste detection: its words, lower-cased, without links, handles and numbers. */
export function fingerprint(text: string): string {
  return tokens(text)
    .filter((w) => !/^\d+$/.test(w))
    .join(' ');
}

export function createNarrativeBaseline(): NarrativeBaseline {
  return { v: 1, minutes: 0, posts: 0, terms: {}, clusters: {} };
}

function decayOf(minutes: number, halfLifeHours: number): number {
  return Math.exp((-minutes * Math.LN2) / (halfLifeHours * 60));
}

function prune(map: Record<string, number>, keep: number): void {
  const entries = Object.entries(map);
  if (entries.length <= keep) return;
  entries.sort((a, b) => b[1] - a[1]);
  for (const [k] of entries.slice(keep)) delete map[k];
}

/** The words of a fingerprint as a set (for near-duplicate comparison). */
function wordSet(fp: string): Set<string> {
  return new Set(fp.split(' ').filter((w) => w.length > 0));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common += 1;
  const union = a.size + b.size - common;
  return union === 0 ? 1 : common / union;
}

interface RawCluster {
  key: string;
  words: Set<string>;
  posts: NarrativePost[];
}

/**
 * Groups near-identical posts: same fingerprint, or word sets with a Jaccard similarity of at least `similarity`
 * (candidates found through their rarest words, so the work stays close to linear).
 */
export function clusterPosts(posts: readonly NarrativePost[], similarity = 0.8): RawCluster[] {
  const clusters: RawCluster[] = [];
  const byKey = new Map<string, RawCluster>();
  const byWord = new Map<string, RawCluster[]>();
  for (const post of posts) {
    const fp = fingerprint(post.text);
    if (fp.length === 0) continue;
    const exact = byKey.get(fp);
    if (exact) {
      exact.posts.push(post);
      continue;
    }
    const words = wordSet(fp);
    let match: RawCluster | undefined;
    const sorted = [...words].sort();
    // Candidates share one of the first three words in a fixed order (enough for a similarity of 0.8).
    for (const w of sorted.slice(0, 3)) {
      for (const c of byWord.get(w) ?? []) {
        if (jaccard(words, c.words) >= similarity) {
          match = c;
          break;
        }
      }
      if (match) break;
    }
    if (match) {
      match.posts.push(post);
      byKey.set(fp, match);
      continue;
    }
    const cluster: RawCluster = { key: fp, words, posts: [post] };
    clusters.push(cluster);
    byKey.set(fp, cluster);
    for (const w of sorted.slice(0, 3)) {
      const list = byWord.get(w) ?? [];
      list.push(cluster);
      byWord.set(w, list);
    }
  }
  return clusters;
}

export interface NarrativeScan {
  terms: TermSurge[];
  clusters: PostCluster[];
  /** Whether the baseline had enough history for surges to count. */
  isWarm: boolean;
}

/**
 * Compares a window of posts (`minutes` long) with the baseline: terms and clusters whose count is at least
 * `minCount` and `minRatio` times what the baseline share predicts. Does not learn (see `learnNarratives`).
 */
export function scanNarratives(
  baseline: NarrativeBaseline,
  posts: readonly NarrativePost[],
  options: NarrativeOptions = {},
): NarrativeScan {
  const o = { ...defaults, ...options };
  const n = posts.length;
  const isWarm = baseline.minutes >= o.warmupMinutes && baseline.posts > 0;
  const termCounts = new Map<string, { kind: TermKind; count: number }>();
  for (const post of posts) {
    for (const [term, kind] of postTerms(post.text)) {
      const entry = termCounts.get(term);
      if (entry) entry.count += 1;
      else termCounts.set(term, { kind, count: 1 });
    }
  }
  const share = (map: Record<string, number>, key: string) =>
    baseline.posts > 0 ? (map[key] ?? 0) / baseline.posts : 0;
  const terms: TermSurge[] = [];
  for (const [term, { kind, count }] of termCounts) {
    if (count < o.minCount) continue;
    const expected = share(baseline.terms, term) * n;
    const ratio = count / (expected + o.priorCount);
    if (ratio >= o.minRatio) terms.push({ term, kind, count, expected, ratio });
  }
  terms.sort((a, b) => b.ratio - a.ratio || b.count - a.count || a.term.localeCompare(b.term));
  const clusters: PostCluster[] = [];
  for (const c of clusterPosts(posts)) {
    const size = c.posts.length;
    if (size < o.minCount) continue;
    const expected = share(baseline.clusters, c.key) * n;
    const ratio = size / (expected + o.priorCount);
    if (ratio < o.minRatio) continue;
    const first = c.posts[0]!;
    clusters.push({
      key: c.key,
      text: first.text,
      size,
      distinctAuthors: new Set(c.posts.map((p) => p.author)).size,
      platforms: [...new Set(c.posts.map((p) => p.platform))].sort(),
      mentionIds: c.posts.slice(0, 50).map((p) => p.id),
      expected,
      ratio,
    });
  }
  clusters.sort((a, b) => b.ratio - a.ratio || b.size - a.size);
  return { terms: isWarm ? terms : [], clusters: isWarm ? clusters : [], isWarm };
}

/** Learns a window of `minutes` of posts into the baseline (forgetting older windows). Mutates `baseline`. */
export function learnNarratives(
  baseline: NarrativeBaseline,
  posts: readonly NarrativePost[],
  minutes: number,
  options: NarrativeOptions = {},
): void {
  const o = { ...defaults, ...options };
  const decay = decayOf(minutes, o.halfLifeHours);
  baseline.minutes += minutes;
  baseline.posts = baseline.posts * decay + posts.length;
  for (const key of Object.keys(baseline.terms)) baseline.terms[key]! *= decay;
  for (const key of Object.keys(baseline.clusters)) baseline.clusters[key]! *= decay;
  for (const post of posts) {
    for (const term of postTerms(post.text).keys()) baseline.terms[term] = (baseline.terms[term] ?? 0) + 1;
  }
  for (const c of clusterPosts(posts)) {
    if (c.posts.length >= 2) baseline.clusters[c.key] = (baseline.clusters[c.key] ?? 0) + c.posts.length;
  }
  prune(baseline.terms, o.maxTerms);
  prune(baseline.clusters, o.maxTerms);
}

/** The narrative's severity: low, medium once it is large, high for a large copy-paste campaign. */
export function narrativeSeverity(scan: NarrativeScan): 'low' | 'medium' | 'high' | null {
  const topTerm = scan.terms[0];
  const topCluster = scan.clusters[0];
  if (!topTerm && !topCluster) return null;
  if (topCluster && topCluster.size >= 50 && topCluster.distinctAuthors >= 20) return 'high';
  if ((topTerm?.count ?? 0) >= 50 || (topCluster?.size ?? 0) >= 20) return 'medium';
  return 'low';
}
