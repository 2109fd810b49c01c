// Detection benchmark: (a) throughput of the streaming detector, 10,000 series × one new bucket;
// (b) quality on simulated per-minute mention counts: detection delay per crisis shape and false alarms
// (episode fires) per series per day on normal traffic.
// Run: node --import tsx bench/detect.bench.ts
import { performance } from 'node:perf_hooks';
import { createDetectorState, updateDetector } from '../server/src/domain/detection/seasonal-detector';
import type { DetectorState } from '../server/src/domain/detection/seasonal-detector';
import { createEpisodeState, stepEpisode } from '../server/src/domain/detection/episode';
import {
  CRISIS_SHAPES,
  MINUTE_MS,
  SIMULATION_START_MS,
  seededRandom,
  simulateCounts,
} from './detect-simulation';
import type { CrisisShape } from './detect-simulation';

const BASE_RATES = [1, 10, 100];
const SEEDS_PER_CASE = 10;
const NORMAL_DAYS = 21;
const WARMUP_DAYS = 1;
const CRISIS_DAY = 14;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

// (a) Throughput.
function throughput(): { minMs: number; medianMs: number; p90Ms: number; jsonMs: number } {
  const distinct = 100;
  const warmMinutes = 2 * 1440;
  const warmed: DetectorState[] = [];
  for (let s = 0; s < distinct; s += 1) {
    const counts = simulateCounts(
      { baseRate: BASE_RATES[s % BASE_RATES.length] ?? 10, days: 3, seed: 1000 + s },
      null,
    );
    const state = createDetectorState();
    for (let m = 0; m < warmMinutes; m += 1) {
      updateDetector(state, SIMULATION_START_MS + m * MINUTE_MS, counts[m] ?? 0);
    }
    warmed.push(state);
  }
  const states = Array.from({ length: 10_000 }, (_, i) =>
    structuredClone(warmed[i % distinct] as DetectorState),
  );
  const random = seededRandom(5);
  const nextValues = states.map(() => Math.floor(random() * 30));
  const timings: number[] = [];
  let sink = 0;
  for (let repeat = 0; repeat < 30; repeat += 1) {
    const t = SIMULATION_START_MS + (warmMinutes + repeat) * MINUTE_MS;
    const start = performance.now();
    for (let i = 0; i < states.length; i += 1) {
      sink += updateDetector(states[i] as DetectorState, t, nextValues[i] ?? 0).score;
    }
    timings.push(performance.now() - start);
  }
  const jsonStart = performance.now();
  const restored = states.map((s) => JSON.parse(JSON.stringify(s)) as DetectorState);
  const jsonMs = performance.now() - jsonStart;
  if (sink < 0 || restored.length !== states.length) throw new Error('unreachable');
  const measured = timings.slice(5);
  return { minMs: Math.min(...measured), medianMs: median(measured), p90Ms: quantile(measured, 0.9), jsonMs };
}

interface RunResult {
  fires: number[];
  minutes: number;
}

function runSeries(counts: readonly number[]): RunResult {
  const detector = createDetectorState();
  const episode = createEpisodeState();
  const fires: number[] = [];
  for (let m = 0; m < counts.length; m += 1) {
    const { score } = updateDetector(detector, SIMULATION_START_MS + m * MINUTE_MS, counts[m] ?? 0);
    if (stepEpisode(episode, score).fired) fires.push(m);
  }
  return { fires, minutes: counts.length };
}

function falseAlarms(growth: number): { rate: number; perDay: number; worstSeries: number }[] {
  return BASE_RATES.map((rate) => {
    const perSeries: number[] = [];
    for (let seed = 0; seed < SEEDS_PER_CASE; seed += 1) {
      const counts = simulateCounts({ baseRate: rate, days: NORMAL_DAYS, growth, seed: 100 + seed }, null);
      const { fires } = runSeries(counts);
      const counted = fires.filter((m) => m >= WARMUP_DAYS * 1440).length;
      perSeries.push(counted / (NORMAL_DAYS - WARMUP_DAYS));
    }
    return {
      rate,
      perDay: perSeries.reduce((a, b) => a + b, 0) / perSeries.length,
      worstSeries: Math.max(...perSeries),
    };
  });
}

interface DelayFigures {
  shape: CrisisShape;
  rate: number;
  medianDelay: number;
  maxDelay: number;
  missed: number;
}

function detectionDelays(): DelayFigures[] {
  const figures: DelayFigures[] = [];
  for (const shape of CRISIS_SHAPES) {
    for (const rate of BASE_RATES) {
      const delays: number[] = [];
      let missed = 0;
      for (let seed = 0; seed < SEEDS_PER_CASE; seed += 1) {
        const random = seededRandom(9000 + seed);
        // Onsets fall at any time of day (the night trough included).
        const onsetMinute = CRISIS_DAY * 1440 + Math.floor(random() * 1440);
        const counts = simulateCounts(
          { baseRate: rate, days: CRISIS_DAY + 2, seed: 500 + seed },
          { shape, onsetMinute },
        ).slice(0, onsetMinute + 6 * 60);
        const { fires } = runSeries(counts);
        const first = fires.find((m) => m >= onsetMinute);
        if (first === undefined) missed += 1;
        else delays.push(first - onsetMinute);
      }
      figures.push({
        shape,
        rate,
        medianDelay: delays.length > 0 ? median(delays) : NaN,
        maxDelay: delays.length > 0 ? Math.max(...delays) : NaN,
        missed,
      });
    }
  }
  return figures;
}

const speed = throughput();
console.log('## (a) throughput: 10,000 series × 1 new bucket (after 2 days of per-minute warm-up)');
console.log(
  `median ${speed.medianMs.toFixed(2)} ms, min ${speed.minMs.toFixed(2)} ms, p90 ${speed.p90Ms.toFixed(2)} ms (25 repeats)`,
);
console.log(`JSON round-trip of the 10,000 states: ${speed.jsonMs.toFixed(0)} ms`);

console.log(
  '\n## (b1) false alarms on normal traffic (episode fires per series per day, days 2–21, per-minute buckets)',
);
console.log('| mentions/min | flat: mean | flat: worst series | 2× growth: mean | 2× growth: worst series |');
console.log('|---|---|---|---|---|');
const flat = falseAlarms(1);
const grown = falseAlarms(2);
for (const [i, row] of flat.entries()) {
  const g = grown[i];
  console.log(
    `| ${row.rate} | ${row.perDay.toFixed(3)} | ${row.worstSeries.toFixed(3)} | ${g?.perDay.toFixed(3)} | ${g?.worstSeries.toFixed(3)} |`,
  );
}

console.log('\n## (b2) detection delay in buckets (minutes) from onset, 10 series per cell');
console.log('| shape | mentions/min | median delay | max delay | missed |');
console.log('|---|---|---|---|---|');
for (const row of detectionDelays()) {
  console.log(`| ${row.shape} | ${row.rate} | ${row.medianDelay} | ${row.maxDelay} | ${row.missed} |`);
}
