// Early detection on public labelled anomaly series: a subset of the Numenta Anomaly Benchmark stored under
// bench/data/nab/ (see its README.md; the realTweets category is NOT among them: it is reserved for independent
// evaluation), scored with NAB's standard profile (bench/nab-score.ts).
//
// For every series it writes the `timestamp,value` CSV, runs the real CLI, `node bin/firebreak.js detect --input
// … --output …` (the detector the server runs), reads `anomaly_score`, and thresholds it. Two ways of turning
// scores into detections:
// - rows: NAB's own rule, every row whose score ≥ the threshold is a detection;
// - onsets: what Firebreak alerts on, the episode rule of server/src/domain/detection/episode.ts with its `low`
//   severity at the threshold: a detection where an episode opens (quiet again after 10 buckets under half the
//   threshold), none while it goes on.
// Reference detectors in the same run: NAB's null detector (never detects) and a simple causal rolling z-score.
// Threshold protocols:
// - corpus-optimised: one threshold per detector, the best on all the series (NAB's own protocol), searched over
//   up to 1,000 candidates (quantiles of the detector's scores);
// - held out: the series split in two halves by category; the threshold chosen on one half is scored on the
//   other, and vice versa (the figure that says what a threshold chosen in advance does on unseen series);
// - fixed (Firebreak only): the episode rule's `low` severity, 0.7, the score at which the server opens an
//   episode, not tuned at all.
//
// Run: npm run bench:nab   (node --import tsx bench/nab.bench.ts [--json results.json] [--keep DIR])
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createEpisodeState,
  DEFAULT_SEVERITY_THRESHOLDS,
  stepEpisode,
} from '../server/src/domain/detection/episode';
import { loadNabSeries } from './nab-data';
import type { NabSeries } from './nab-data';
import {
  bestThreshold,
  normalisedScore,
  prepareSeries,
  scoreDetections,
  STANDARD_PROFILE,
  sumScores,
} from './nab-score';
import type { PreparedSeries, SeriesScore } from './nab-score';

const ROOT = new URL('..', import.meta.url).pathname;
const FIXED_THRESHOLD = DEFAULT_SEVERITY_THRESHOLDS.low; // 0.7, where the server opens an episode
const ZSCORE_WINDOW = 100; // rows of history for the reference rolling z-score (not tuned)
const MAX_CANDIDATES = 1000;

/** The first half of the held-out split (by category); every other category is the second half. */
const HALF_A = new Set(['realAdExchange']);

interface Detector {
  readonly name: string;
  readonly describe: string;
  readonly mode: 'rows' | 'onsets';
  /** Key into SCORERS; detectors sharing one reuse its scores. */
  readonly scores: string;
}

interface ScoredInput {
  readonly series: NabSeries;
  /** Row indices kept (the first of rows with equal timestamps). */
  readonly rows: readonly number[];
  readonly timestampsMs: readonly number[];
  readonly values: readonly number[];
  readonly csvPath: string;
}

function runFirebreak(input: ScoredInput, dir: string, extra: readonly string[], tag: string): Float64Array {
  const output = join(dir, `${input.series.name}.${tag}.scores.csv`);
  const result = spawnSync(
    process.execPath,
    ['bin/firebreak.js', 'detect', '--input', input.csvPath, '--output', output, ...extra],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`firebreak detect failed on ${input.series.key}: ${result.stderr}`);
  }
  const lines = readFileSync(output, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const column = header.indexOf('anomaly_score');
  if (column < 0) throw new Error('no anomaly_score column');
  const scores = new Float64Array(lines.length - 1);
  for (let i = 1; i < lines.length; i += 1) {
    scores[i - 1] = Number((lines[i] as string).split(',')[column]);
  }
  if (scores.length !== input.timestampsMs.length) throw new Error('row count changed');
  return scores;
}

/** Causal rolling z-score over the previous ZSCORE_WINDOW rows, both directions, |z| / (1 + |z|). */
function rollingZ(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < values.length; i += 1) {
    const n = Math.min(i, ZSCORE_WINDOW);
    const x = values[i] as number;
    if (n >= 10) {
      const mean = sum / n;
      const variance = Math.max(0, sumSq / n - mean * mean);
      const sd = Math.sqrt(variance);
      const z = sd > 0 ? Math.abs(x - mean) / sd : x === mean ? 0 : 50;
      out[i] = z / (1 + z);
    }
    sum += x;
    sumSq += x * x;
    if (i >= ZSCORE_WINDOW) {
      const old = values[i - ZSCORE_WINDOW] as number;
      sum -= old;
      sumSq -= old * old;
    }
  }
  return out;
}

type Mode = 'rows' | 'onsets';

const DETECTORS: readonly Detector[] = [
  {
    name: 'firebreak',
    describe: 'firebreak detect, server defaults (--direction up, --noise auto)',
    mode: 'rows',
    scores: 'firebreak-up',
  },
  {
    name: 'firebreak-both',
    describe: 'firebreak detect --direction both (rises and drops)',
    mode: 'rows',
    scores: 'firebreak-both',
  },
  {
    name: 'firebreak onsets',
    describe: 'firebreak detect, server defaults, alerts at episode onsets',
    mode: 'onsets',
    scores: 'firebreak-up',
  },
  {
    name: 'firebreak-both onsets',
    describe: 'firebreak detect --direction both, alerts at episode onsets',
    mode: 'onsets',
    scores: 'firebreak-both',
  },
  {
    name: 'rolling-z',
    describe: `reference: causal rolling z-score over ${ZSCORE_WINDOW} rows, both directions, |z|/(1+|z|)`,
    mode: 'rows',
    scores: 'rolling-z',
  },
  {
    name: 'rolling-z onsets',
    describe: 'reference: the same rolling z-score, alerts at episode onsets',
    mode: 'onsets',
    scores: 'rolling-z',
  },
  {
    name: 'null',
    describe: 'reference: the null detector (never detects)',
    mode: 'rows',
    scores: 'null',
  },
];

const SCORERS: Record<string, (input: ScoredInput, dir: string) => Float64Array> = {
  'firebreak-up': (input, dir) => runFirebreak(input, dir, [], 'up'),
  'firebreak-both': (input, dir) => runFirebreak(input, dir, ['--direction', 'both'], 'both'),
  'rolling-z': (input) => rollingZ(input.values),
  null: (input) => new Float64Array(input.values.length),
};

/** Rows where the episode rule opens an episode, with its `low` severity at `threshold`. */
function episodeOnsets(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  if (threshold > 0.9999) return out;
  const span = 1 - threshold;
  const episode = createEpisodeState({
    thresholds: {
      low: threshold,
      medium: threshold + span * 0.25,
      high: threshold + span * 0.5,
      critical: threshold + span * 0.75,
    },
  });
  for (let i = 0; i < scores.length; i += 1) {
    if (stepEpisode(episode, scores[i] as number).isOnset) out[i] = 1;
  }
  return out;
}

interface Run {
  readonly input: ScoredInput;
  readonly prepared: PreparedSeries;
  readonly scores: Float64Array;
  readonly mode: Mode;
}

function scoreRun(run: Run, threshold: number): SeriesScore {
  if (run.mode === 'rows') {
    return scoreDetections(run.prepared, (row) => (run.scores[row] as number) >= threshold);
  }
  const onsets = episodeOnsets(run.scores, threshold);
  return scoreDetections(run.prepared, (row) => onsets[row] === 1);
}

function candidates(runs: readonly Run[]): number[] {
  const distinct = new Set<number>();
  for (const run of runs) for (const s of run.scores) distinct.add(s);
  const sorted = [...distinct].sort((a, b) => a - b);
  const picked = new Set<number>([1.1]);
  if (sorted.length <= MAX_CANDIDATES) {
    for (const s of sorted) picked.add(s);
  } else {
    for (let k = 0; k < MAX_CANDIDATES; k += 1) {
      picked.add(sorted[Math.floor((k * (sorted.length - 1)) / (MAX_CANDIDATES - 1))] as number);
    }
  }
  return [...picked];
}

interface Delay {
  rows: number;
  hours: number;
  fraction: number;
}

function delays(run: Run, score: SeriesScore): Delay[] {
  const out: Delay[] = [];
  for (const w of score.windows) {
    if (w.detectedAt === null) continue;
    const t = run.input.timestampsMs;
    out.push({
      rows: w.detectedAt - w.first,
      hours: ((t[w.detectedAt] as number) - (t[w.first] as number)) / 3_600_000,
      fraction: (w.detectedAt - w.first) / (w.last - w.first + 1),
    });
  }
  return out;
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

interface Evaluated {
  readonly run: Run;
  readonly score: SeriesScore;
  readonly threshold: number;
}

function summarise(rows: readonly Evaluated[]): {
  score: number;
  tp: number;
  fn: number;
  fp: number;
  delayFraction: number;
  delayHours: number;
} {
  const total = sumScores(rows.map((r) => r.score));
  const d = rows.flatMap((r) => delays(r.run, r.score));
  return {
    score: normalisedScore(total),
    tp: total.tp,
    fn: total.fn,
    fp: total.fp,
    delayFraction: mean(d.map((x) => x.fraction)),
    delayHours: mean(d.map((x) => x.hours)),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const keepAt = args.indexOf('--keep');
  const keepDir = keepAt >= 0 ? args[keepAt + 1] : undefined;
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'firebreak-nab-'));
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const loadBefore = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

  const all = loadNabSeries();
  if (all.some((s) => s.category === 'realTweets')) {
    throw new Error('realTweets is reserved for independent evaluation and must not be stored here');
  }
  const inputs: ScoredInput[] = all.map((series) => {
    const rows: number[] = [];
    for (let i = 0; i < series.timestampsMs.length; i += 1) {
      if (i > 0 && series.timestampsMs[i] === series.timestampsMs[i - 1]) continue;
      rows.push(i);
    }
    const csvPath = join(dir, `${series.name}.csv`);
    writeFileSync(
      csvPath,
      `timestamp,value\n${rows.map((i) => `${series.timestamps[i]},${series.values[i]}`).join('\n')}\n`,
    );
    return {
      series,
      rows,
      timestampsMs: rows.map((i) => series.timestampsMs[i] as number),
      values: rows.map((i) => Number(series.values[i])),
      csvPath,
    };
  });

  const totalRows = inputs.reduce((a, s) => a + s.rows.length, 0);
  const totalWindows = all.reduce((a, s) => a + s.windows.length, 0);
  console.log(
    `NAB subset: ${inputs.length} series, ${totalRows} rows, ${totalWindows} labelled windows; ` +
      `standard profile A_tp=${STANDARD_PROFILE.aTp}, A_fp=${STANDARD_PROFILE.aFp}, A_fn=${STANDARD_PROFILE.aFn}; ` +
      `load before ${loadBefore}`,
  );
  for (const s of inputs) {
    const dropped = s.series.timestamps.length - s.rows.length;
    console.log(
      `  ${s.series.key}: ${s.rows.length} rows${dropped > 0 ? ` (${dropped} repeated timestamp left out)` : ''}, ` +
        `${s.series.windows.length} windows`,
    );
  }

  const results: Record<string, unknown> = {};
  const summary: string[] = [];
  const categories = [...new Set(inputs.map((s) => s.series.category))].sort();
  const prepared = inputs.map((input) =>
    prepareSeries(input.timestampsMs, input.series.windows, STANDARD_PROFILE),
  );
  const scoreCache = new Map<string, { scores: Float64Array[]; ms: number }>();
  for (const detector of DETECTORS) {
    let cached = scoreCache.get(detector.scores);
    if (cached === undefined) {
      const t0 = performance.now();
      const scorer = SCORERS[detector.scores] as (input: ScoredInput, dir: string) => Float64Array;
      const scores = inputs.map((input) => scorer(input, dir));
      cached = { scores, ms: performance.now() - t0 };
      scoreCache.set(detector.scores, cached);
    }
    const scoringMs = cached.ms;
    const runs: Run[] = inputs.map((input, i) => ({
      input,
      prepared: prepared[i] as PreparedSeries,
      scores: cached.scores[i] as Float64Array,
      mode: detector.mode,
    }));
    const evaluate = (subset: readonly Run[], threshold: number): Evaluated[] =>
      subset.map((run) => ({ run, threshold, score: scoreRun(run, threshold) }));
    const choose = (subset: readonly Run[]): { threshold: number; raw: number } =>
      bestThreshold(candidates(subset), (t) => subset.reduce((a, run) => a + scoreRun(run, t).raw, 0));

    // Corpus-optimised (NAB's protocol).
    const best = choose(runs);
    const optimised = evaluate(runs, best.threshold);
    // Held out by category halves.
    const halfA = runs.filter((r) => HALF_A.has(r.input.series.category));
    const halfB = runs.filter((r) => !HALF_A.has(r.input.series.category));
    const onA = choose(halfA);
    const onB = choose(halfB);
    const heldOut = [...evaluate(halfB, onA.threshold), ...evaluate(halfA, onB.threshold)];
    const fixed = detector.name.startsWith('firebreak') ? evaluate(runs, FIXED_THRESHOLD) : null;

    console.log(
      `\n## ${detector.name}: ${detector.describe} (scores computed in ${fmt(scoringMs / 1000, 1)} s)`,
    );
    console.log(
      `thresholds: corpus-optimised ${fmt(best.threshold, 6)}; chosen on ${[...HALF_A].join('+')} ` +
        `${fmt(onA.threshold, 6)} (scored on the others); chosen on the others ${fmt(onB.threshold, 6)} ` +
        `(scored on ${[...HALF_A].join('+')})`,
    );
    console.log(
      '| series | windows | corpus-optimised: score | TP | FP | first detection, % into window | held out: score | TP | FP |' +
        (fixed ? ' fixed 0.7: score | TP | FP |' : ''),
    );
    console.log(`|---|---|---|---|---|---|---|---|---|${fixed ? '---|---|---|' : ''}`);
    const byKey = (list: readonly Evaluated[], key: string): Evaluated =>
      list.find((e) => e.run.input.series.key === key) as Evaluated;
    for (const run of runs) {
      const key = run.input.series.key;
      const o = summarise([byKey(optimised, key)]);
      const h = summarise([byKey(heldOut, key)]);
      const f = fixed ? summarise([byKey(fixed, key)]) : null;
      console.log(
        `| ${key} | ${run.prepared.windows.length} | ${fmt(o.score)} | ${o.tp} | ${o.fp} | ${fmt(100 * o.delayFraction, 0)} | ` +
          `${fmt(h.score)} | ${h.tp} | ${h.fp} |${f ? ` ${fmt(f.score)} | ${f.tp} | ${f.fp} |` : ''}`,
      );
    }
    const table: Record<string, unknown> = {};
    console.log(
      '\n| category | series | windows | corpus-optimised | TP/FN/FP | first detection: % into window, hours | held out | TP/FN/FP |' +
        (fixed ? ' fixed 0.7 | TP/FN/FP |' : ''),
    );
    console.log(`|---|---|---|---|---|---|---|---|${fixed ? '---|---|' : ''}`);
    for (const category of [...categories, 'all']) {
      const pick = (list: readonly Evaluated[]): Evaluated[] =>
        list.filter((e) => category === 'all' || e.run.input.series.category === category);
      const o = summarise(pick(optimised));
      const h = summarise(pick(heldOut));
      const f = fixed ? summarise(pick(fixed)) : null;
      const series = pick(optimised).length;
      const windows = pick(optimised).reduce((a, e) => a + e.run.prepared.windows.length, 0);
      console.log(
        `| ${category} | ${series} | ${windows} | **${fmt(o.score)}** | ${o.tp}/${o.fn}/${o.fp} | ` +
          `${fmt(100 * o.delayFraction, 0)}%, ${fmt(o.delayHours)} h | **${fmt(h.score)}** | ${h.tp}/${h.fn}/${h.fp} |` +
          (f ? ` ${fmt(f.score)} | ${f.tp}/${f.fn}/${f.fp} |` : ''),
      );
      table[category] = { optimised: o, heldOut: h, fixed: f };
    }
    const all = summarise(optimised);
    const held = summarise(heldOut);
    const fix = fixed ? summarise(fixed) : null;
    const perCategory = categories
      .map((c) => `${fmt(summarise(optimised.filter((e) => e.run.input.series.category === c)).score)}`)
      .join(' / ');
    const perCategoryHeld = categories
      .map((c) => `${fmt(summarise(heldOut.filter((e) => e.run.input.series.category === c)).score)}`)
      .join(' / ');
    summary.push(
      `| ${detector.name} | **${fmt(all.score)}** (${perCategory}) | ${all.tp}/${all.fn}/${all.fp} | ` +
        `${fmt(100 * all.delayFraction, 0)}% | **${fmt(held.score)}** (${perCategoryHeld}) | ${held.tp}/${held.fn}/${held.fp} | ` +
        `${fix ? `${fmt(fix.score)} | ${fix.tp}/${fix.fn}/${fix.fp}` : '– | –'} |`,
    );
    results[detector.name] = {
      thresholds: { optimised: best.threshold, chosenOnA: onA.threshold, chosenOnB: onB.threshold },
      categories: table,
    };
  }
  console.log(
    `\n## Summary: NAB standard-profile score, all ${inputs.length} series (per category: ${categories.join(' / ')})`,
  );
  console.log(
    '| detector | corpus-optimised threshold | TP/FN/FP | first detection, % into window | held out (threshold from the other half) | TP/FN/FP | fixed 0.7 | TP/FN/FP |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const line of summary) console.log(line);
  const loadAfter = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  console.log(`\nwall ${fmt((performance.now() - started) / 1000, 1)} s; load after ${loadAfter}`);
  if (jsonAt >= 0) {
    writeFileSync(
      args[jsonAt + 1] as string,
      `${JSON.stringify({ loadBefore, loadAfter, results }, null, 2)}\n`,
    );
  }
  if (keepDir === undefined) rmSync(dir, { recursive: true, force: true });
}

main();
