// Signals benchmark: live detection as the detection job runs it, on the simulator's mention streams.
//  (a) false signals per brand per simulated day on normal traffic (after the first day's warm-up);
//  (b) signal delay on the simulator's crisis shapes (buckets from the onset to the first detection that opens or
//      joins a signal);
// The detection run on the database (10,000 brand × platform series a minute) is timed by bench/detect.bench.ts --db.
//
//   node --import tsx bench/signals.bench.ts [--days 8] [--brands 4]
//
// (a) and (b) drive the same pure pieces the DetectionService composes (series detectors with the same options and
// thresholds, narrative scans every 5 minutes, high-reach posts, the merge rule), on every mention the simulator
// makes, with sentiment from the built-in model and reach from the ingestion pipeline's estimate. Seeded: the
// quality figures reproduce exactly.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { IncomingMention } from '../contracts';
import {
  simulateMinute,
  type SimulatorCrisis,
  type SimulatorPlan,
} from '../server/src/connectors/simulator/simulator.generator';
import { estimateReach } from '../server/src/domain/ingestion/ingestion';
import { findHighReachPosts } from '../server/src/domain/signals/high-reach';
import { type Detection, planDetection, type SignalView } from '../server/src/domain/signals/merge';
import {
  createNarrativeBaseline,
  learnNarratives,
  narrativeSeverity,
  scanNarratives,
} from '../server/src/domain/signals/narratives';
import {
  type BucketInput,
  createSeriesState,
  PLATFORM_SEVERITY_THRESHOLDS,
  type SeriesState,
  VERY_STRICT_SEVERITY_THRESHOLDS,
  stepSeries,
} from '../server/src/domain/signals/series';
import { SentimentModelRepository } from '../server/src/repositories/sentiment-model.repository';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '8' },
    brands: { type: 'string', default: '4' },
  },
});
const DAYS = Number(args.days);
const BRANDS = Number(args.brands);
const RATES = [2, 10, 50];
const SHAPES: SimulatorCrisis[] = ['instant_blow_up', 'dormant_then_viral', 'influencer_waves'];
const MINUTE = 60_000;
const START_MS = Date.UTC(2026, 0, 5);

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const sentiment = await new SentimentModelRepository().load();
const labelCache = new Map<string, boolean>();
function isNegative(text: string): boolean {
  let v = labelCache.get(text);
  if (v === undefined) {
    v = sentiment.predict(text).label === 'negative';
    labelCache.set(text, v);
  }
  return v;
}

interface BrandRun {
  /** Minutes (from START) at which a signal opened, and at which any detection joined or opened one. */
  opens: number[];
  /** What opened each signal: kind, brand-wide or platform, metric. */
  openedBy: string[];
  detections: number[];
}

/** One brand, minute by minute, as the detection job sees it. */
function runBrand(plan: SimulatorPlan, minutes: number, stopAfterDetectionFrom?: number): BrandRun {
  const series = new Map<string, SeriesState>();
  const narrative = createNarrativeBaseline();
  let narrativePosts: { id: string; text: string; author: string; platform: string }[] = [];
  const signals: SignalView[] = [];
  const run: BrandRun = { opens: [], openedBy: [], detections: [] };
  let n = 0;
  for (let m = 0; m < minutes; m += 1) {
    const t = START_MS + m * MINUTE;
    const { mentions } = simulateMinute(plan, m);
    const perPlatform = new Map<string, BucketInput>();
    const all: BucketInput = { count: 0, negativeCount: 0, reach: 0, negativeWeight: 0 };
    const reachPosts = [];
    for (const mention of mentions as IncomingMention[]) {
      const negative = isNegative(mention.text);
      const reach = estimateReach(mention.author.followers, mention.engagement);
      const b = perPlatform.get(mention.platform) ?? {
        count: 0,
        negativeCount: 0,
        reach: 0,
        negativeWeight: 0,
      };
      for (const x of [b, all]) {
        x.count += 1;
        x.reach += reach;
        if (negative) {
          x.negativeCount += 1;
          x.negativeWeight += Math.log10(1 + reach);
        }
      }
      perPlatform.set(mention.platform, b);
      const e = mention.engagement;
      if ((negative && reach >= 1_000_000) || e.likes + e.reposts + e.replies >= 500) {
        reachPosts.push({
          id: mention.externalId,
          followers: mention.author.followers,
          reach,
          negative,
          likes: e.likes,
          reposts: e.reposts,
          replies: e.replies,
          createdAtMs: Date.parse(mention.createdAt),
        });
      }
      narrativePosts.push({
        id: mention.externalId,
        text: mention.text,
        author: mention.author.handle,
        platform: mention.platform,
      });
    }
    const detections: Detection[] = [];
    const step = (key: string, input: BucketInput, isPlatform: boolean) => {
      let state = series.get(key);
      if (!state) {
        if (input.count === 0) return;
        state = createSeriesState(
          t,
          isPlatform
            ? { thresholds: PLATFORM_SEVERITY_THRESHOLDS, derivedThresholds: VERY_STRICT_SEVERITY_THRESHOLDS }
            : {},
        );
        series.set(key, state);
      }
      for (const f of stepSeries(state, t, input).fires) {
        detections.push({
          brandId: 'b',
          kind: 'spike',
          seriesKey: key,
          metric: f.metric,
          platform: isPlatform ? key : null,
          t,
          score: f.score,
          severity: f.severity,
          isOnset: f.isOnset,
          summary: '',
        });
      }
    };
    step('all', all, false);
    for (const key of new Set([...series.keys(), ...perPlatform.keys()])) {
      if (key !== 'all') {
        step(key, perPlatform.get(key) ?? { count: 0, negativeCount: 0, reach: 0, negativeWeight: 0 }, true);
      }
    }
    for (const hit of findHighReachPosts(reachPosts, t + MINUTE)) {
      detections.push({
        brandId: 'b',
        kind: 'high_reach',
        seriesKey: `post:${hit.id}`,
        metric: 'post',
        platform: null,
        t,
        score: hit.score,
        severity: hit.severity,
        isOnset: true,
        summary: '',
      });
    }
    if ((m + 1) % 5 === 0) {
      const scan = scanNarratives(narrative, narrativePosts);
      const severity = narrativeSeverity(scan);
      if (severity) {
        detections.push({
          brandId: 'b',
          kind: 'narrative',
          seriesKey: 'terms',
          metric: 'narrative',
          platform: null,
          t,
          score: 0.8,
          severity,
          isOnset: true,
          summary: '',
        });
      }
      learnNarratives(narrative, narrativePosts, 5);
      narrativePosts = [];
    }
    for (const d of detections) {
      const p = planDetection(signals, d);
      run.detections.push(m);
      if (p.kind === 'open') {
        signals.push({
          id: String(++n),
          brandId: 'b',
          status: 'open',
          severity: d.severity,
          lastDetectedAt: t,
          createdAt: t,
        });
        run.opens.push(m);
        run.openedBy.push(
          `${d.kind}/${d.platform === null ? 'brand' : 'platform'}/${d.metric}/${d.severity}`,
        );
      } else {
        const s = signals.find((x) => x.id === p.signalId)!;
        s.lastDetectedAt = t;
        if (p.escalated) s.severity = d.severity;
      }
    }
    if (
      stopAfterDetectionFrom !== undefined &&
      m >= stopAfterDetectionFrom &&
      run.detections.some((x) => x >= stopAfterDetectionFrom)
    ) {
      break;
    }
  }
  return run;
}

function quality(): void {
  console.log(
    `\n(a) false signals on normal traffic: ${BRANDS} brands per rate, ${DAYS} simulated days, day 1 is warm-up`,
  );
  console.log('| mentions/min | false signals per brand per day (mean) | worst brand | brand-days |');
  console.log('|---|---|---|---|');
  const causes = new Map<string, number>();
  for (const rate of RATES) {
    const perBrand: number[] = [];
    for (let b = 0; b < BRANDS; b += 1) {
      const plan: SimulatorPlan = {
        keywords: ['Acme'],
        ratePerMinute: rate,
        crisis: 'none',
        crisisStartMinutes: 0,
        seed: 100 * rate + b,
        startMs: START_MS,
      };
      const run = runBrand(plan, DAYS * 1440);
      perBrand.push(run.opens.filter((m) => m >= 1440).length / (DAYS - 1));
      run.openedBy.forEach((by, i) => {
        if (run.opens[i]! >= 1440) causes.set(by, (causes.get(by) ?? 0) + 1);
      });
    }
    const mean = perBrand.reduce((s, x) => s + x, 0) / perBrand.length;
    console.log(
      `| ${rate} | ${mean.toFixed(3)} | ${Math.max(...perBrand).toFixed(3)} | ${perBrand.length * (DAYS - 1)} |`,
    );
  }
  console.log(
    `\nWhat opened the false signals: ${[...causes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );

  console.log(
    `\n(b) signal delay on the simulator's crisis shapes: ${BRANDS} brands per cell, crisis on day 2 at a seeded time of day`,
  );
  console.log(
    '| shape | mentions/min | median delay (buckets) | max delay | new signal at onset | missed (6 h) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const shape of SHAPES) {
    for (const rate of RATES) {
      const delays: number[] = [];
      let opened = 0;
      let missed = 0;
      for (let b = 0; b < BRANDS; b += 1) {
        const onset = 1440 + ((b * 389 + rate * 61) % 1440);
        const plan: SimulatorPlan = {
          keywords: ['Acme'],
          ratePerMinute: rate,
          crisis: shape,
          crisisStartMinutes: onset,
          seed: 7000 + 10 * rate + b,
          startMs: START_MS,
        };
        const run = runBrand(plan, onset + 360, onset);
        const first = run.detections.find((m) => m >= onset);
        if (first === undefined) {
          missed += 1;
          continue;
        }
        delays.push(first - onset);
        if (run.opens.includes(first)) opened += 1;
      }
      console.log(
        `| ${shape} | ${rate} | ${median(delays)} | ${delays.length ? Math.max(...delays) : '—'} | ${opened}/${BRANDS} | ${missed} |`,
      );
    }
  }
}

const t0 = performance.now();
quality();
console.log(`\nquality part: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
