// Simulated mention-count series for the detection benchmark: daily and weekly seasonality, day-to-day and
// slow within-day drift, overdispersed Poisson noise, optional growth, and injected crisis shapes.
// Seeded, so every figure in docs/benchmarks.md reproduces.

export type Random = () => number;

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function poisson(random: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda < 40) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k += 1;
      p *= random();
    }
    return k;
  }
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(random)));
}

export type CrisisShape = 'instant-blow-up' | 'dormant-then-viral' | 'influencer-waves';
export const CRISIS_SHAPES: readonly CrisisShape[] = [
  'instant-blow-up',
  'dormant-then-viral',
  'influencer-waves',
];

export interface TrafficOptions {
  /** Mean mentions per minute. */
  baseRate: number;
  days: number;
  /** Total growth factor over the whole series (1 = none). */
  growth?: number;
  seed: number;
}

/** Epoch ms of the series start: a Monday at 00:00 UTC. */
export const SIMULATION_START_MS = Date.UTC(2026, 0, 5);
export const MINUTE_MS = 60_000;

/** Normal traffic's expected rate per minute for every minute, before the count noise. */
export function normalRates(options: TrafficOptions): number[] {
  const random = seededRandom(options.seed);
  const minutes = options.days * 1440;
  const growth = options.growth ?? 1;
  // Each series gets its own daily shape: the phase of the evening peak and the depth of the night trough.
  const peakHour = 12 + 8 * random();
  const depth = 0.5 + 0.3 * random();
  const weekend = 0.65 + 0.3 * random();
  const rates = new Array<number>(minutes);
  let dayFactor = 1;
  let drift = 0;
  const driftCorrelation = Math.exp(-1 / 90);
  for (let m = 0; m < minutes; m += 1) {
    if (m % 1440 === 0) dayFactor = Math.exp(0.12 * normal(random));
    drift = drift * driftCorrelation + Math.sqrt(1 - driftCorrelation ** 2) * 0.08 * normal(random);
    const hour = (m % 1440) / 60;
    const angle = (2 * Math.PI * (hour - peakHour)) / 24;
    const daily = 1 + depth * Math.cos(angle) + 0.15 * Math.cos(2 * angle);
    const dayOfWeek = Math.floor(m / 1440) % 7; // 0 = Monday
    const weekly = dayOfWeek >= 5 ? weekend : 1;
    const trend = growth ** (m / minutes);
    rates[m] = options.baseRate * Math.max(0.05, daily) * weekly * trend * dayFactor * Math.exp(drift);
  }
  return rates;
}

/** Crisis multiplier on top of normal traffic, `t` minutes after the onset (0 before). */
export function crisisExtra(shape: CrisisShape, t: number): number {
  if (t < 0) return 0;
  switch (shape) {
    case 'instant-blow-up':
      // A sudden 5× jump that fades over a few hours.
      return 4 * Math.exp(-t / 180);
    case 'dormant-then-viral':
      // Doubling every 20 minutes from a +10% trickle, up to 8× the baseline.
      return Math.min(7, 0.1 * 2 ** (t / 20));
    case 'influencer-waves': {
      // Reposts by successively bigger accounts every 45 minutes, each a wave that decays in ~15 minutes.
      let extra = 0;
      for (let wave = 0; wave < 4; wave += 1) {
        const since = t - wave * 45;
        if (since >= 0) extra += 0.8 * (wave + 1) * Math.exp(-since / 15);
      }
      return extra;
    }
  }
}

/** Count series: normal traffic (with an optional crisis at `onsetMinute`) with overdispersed Poisson noise. */
export function simulateCounts(
  options: TrafficOptions,
  crisis: { shape: CrisisShape; onsetMinute: number } | null,
): number[] {
  const rates = normalRates(options);
  const random = seededRandom(options.seed * 7919 + 17);
  return rates.map((rate, m) => {
    const extra = crisis === null ? 0 : crisisExtra(crisis.shape, m - crisis.onsetMinute);
    // A per-bucket gamma-ish wobble (lognormal, 10%) makes the counts overdispersed, as real mentions are.
    const lambda = rate * (1 + extra) * Math.exp(0.1 * normal(random) - 0.005);
    return poisson(random, lambda);
  });
}
