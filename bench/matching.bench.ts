// Matching benchmark: an unfiltered firehose against every brand's query at once (QueryIndex), on one core.
//
//   node --import tsx bench/matching.bench.ts [--brands 1000] [--posts 500000] [--hit-rate 0.01]
//
// Posts are built from a Zipf-distributed 30,000-word vocabulary (10–30 words, some #tags and @handles, a language);
// a share of them (--hit-rate) names one of the brands. Queries mix the language's forms: words, phrases, OR, AND,
// NOT, parentheses, #hashtags, @handles and lang: filters. Target: ≥ 150,000 posts/s against 1,000 queries.
import { parseArgs } from 'node:util';
import { QueryIndex, compileQuery, toMatchText } from '../server/src/domain/query/query-matcher';

const { values: args } = parseArgs({
  options: {
    brands: { type: 'string', default: '1000' },
    posts: { type: 'string', default: '500000' },
    'hit-rate': { type: 'string', default: '0.01' },
  },
});
const brandCount = Number(args.brands);
const postCount = Number(args.posts);
const hitRate = Number(args['hit-rate']);

let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const syllables = [
  'ka',
  'lo',
  'mi',
  'ra',
  'te',
  'su',
  'no',
  'vi',
  'pe',
  'da',
  'zo',
  'qui',
  'ber',
  'tan',
  'gro',
  'fel',
];
const word = (n: number) =>
  Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join('');
const vocabulary = Array.from({ length: 30_000 }, () => word(1 + Math.floor(random() * 3)));
// Zipf(1): rank r with probability ∝ 1/r, sampled from the cumulative table.
const cumulative = new Float64Array(vocabulary.length);
let sum = 0;
for (let r = 0; r < vocabulary.length; r++) cumulative[r] = sum += 1 / (r + 1);
const zipfWord = () => {
  const x = random() * sum;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo]!;
};

const brands = Array.from({ length: brandCount }, (_, i) => ({ name: `${word(3)}${i}`, second: word(2) }));
const queries = brands.map((b, i) => {
  switch (i % 6) {
    case 0:
      return b.name;
    case 1:
      return `"${b.name} ${b.second}" OR @${b.name}`;
    case 2:
      return `(${b.name} OR #${b.name}) NOT giveaway`;
    case 3:
      return `${b.name} AND (refund OR broken OR outage OR ${zipfWord()})`;
    case 4:
      return `#${b.name} OR @${b.name}official OR "${b.name} app"`;
    default:
      return `${b.name} lang:en OR (${b.name}${b.second} -spam)`;
  }
});
const langs = ['en', 'en', 'en', 'es', 'pt', 'ja', 'de', null];
const posts = Array.from({ length: postCount }, () => {
  const length = 10 + Math.floor(random() * 20);
  const words: string[] = [];
  for (let k = 0; k < length; k++) {
    const w = zipfWord();
    const roll = random();
    words.push(
      roll < 0.03 ? `#${w}` : roll < 0.05 ? `@${w}` : roll < 0.1 ? w[0]!.toUpperCase() + w.slice(1) : w,
    );
  }
  if (random() < hitRate) {
    const b = brands[Math.floor(random() * brands.length)]!;
    words.splice(Math.floor(random() * words.length), 0, random() < 0.5 ? b.name : `#${b.name} refund`);
  }
  return {
    text: words.join(' ') + (random() < 0.3 ? '!' : '.'),
    lang: langs[Math.floor(random() * langs.length)]!,
  };
});
const avgChars = posts.reduce((s, p) => s + p.text.length, 0) / posts.length;

let t = performance.now();
const index = new QueryIndex(queries.map((query, id) => ({ id, query })));
const compileMs = performance.now() - t;

// Correctness spot check against the one-query-at-a-time matcher.
const single = queries.map((q) => compileQuery(q));
for (let i = 0; i < 2_000; i++) {
  const p = posts[i]!;
  const mt = toMatchText(p.text, p.lang);
  const expected = single.flatMap((m, id) => (m(mt) ? [id] : []));
  const got = index.matchText(p.text, p.lang);
  if (expected.join() !== got.join()) throw new Error(`index and matcher disagree on: ${p.text}`);
}

let matched = 0;
for (let i = 0; i < Math.min(50_000, posts.length); i++) index.matchText(posts[i]!.text, posts[i]!.lang); // warm-up
const runs: number[] = [];
for (let run = 0; run < 3; run++) {
  matched = 0;
  t = performance.now();
  for (const p of posts) if (index.matchText(p.text, p.lang).length > 0) matched++;
  runs.push(postCount / ((performance.now() - t) / 1000));
}
runs.sort((a, b) => a - b);
console.log(
  [
    `${brandCount.toLocaleString('en')} brand queries compiled in ${compileMs.toFixed(1)} ms (${index.size} indexed)`,
    `${postCount.toLocaleString('en')} posts, ${avgChars.toFixed(0)} characters on average, ${matched.toLocaleString('en')} matched (${((100 * matched) / postCount).toFixed(2)}%)`,
    `throughput (one core): median ${Math.round(runs[1]!).toLocaleString('en')} posts/s (runs: ${runs.map((r) => Math.round(r).toLocaleString('en')).join(', ')})`,
  ].join('\n'),
);
