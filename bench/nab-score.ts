// The Numenta Anomaly Benchmark's scoring method (NAB v1.1, `nab/sweeper.py` and `nab/scorer.py` of
// github.com/numenta/NAB), re-implemented as pure functions so that bench/nab.bench.ts can score Firebreak's
// detector on labelled series without Python.
//
// Rules, as NAB applies them per data file:
// - Each labelled window [start, end] (inclusive, timestamps of rows) rewards its EARLIEST detection only: a
//   detection at row i of a window whose last row is R and width W rows sits at relative position
//   p = −(R − i + 1) / W (−1 at the first row, just below 0 at the last); it scores
//   A_tp · σ(p) / σ(−1) with the scaled sigmoid σ(p) = 2 / (1 + e^(5p)) − 1 (σ(p) = −1 from p ≥ 3). Further
//   detections in the same window count for nothing.
// - A window without a detection costs A_fn.
// - A detection outside every window is a false positive weighted by its distance past the previous window:
//   p = |R_prev − i| / (W_prev − 1), score |A_fp| · σ(p) (close after a window σ is barely negative: a late
//   detection of the same anomaly costs little; far away, or before any window, it costs |A_fp|).
// - Rows of the probationary period (the first ⌊15% of rows⌋, at most 750) are ignored, detections and windows
//   alike.
// - Corpus score: 100 · (raw − null) / (perfect − null), summing raw, null (no detection at all: A_fn per window)
//   and perfect (every window detected at its first row: A_tp per window) over the files.

/** NAB's application profile. Standard: A_tp = 1, A_fp = −0.11, A_fn = −1. */
export interface NabProfile {
  readonly aTp: number;
  readonly aFp: number;
  readonly aFn: number;
}

export const STANDARD_PROFILE: NabProfile = { aTp: 1, aFp: -0.11, aFn: -1 };

export const PROBATION_PERCENT = 0.15;

/** A labelled anomaly window, inclusive bounds in epoch milliseconds. */
export interface NabWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** NAB's scaled sigmoid of a relative position (−1 = a window's first row, 0 = past its last row). */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition >= 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** Rows ignored at the start of a file: ⌊15% of rows⌋, at most 15% of 5,000 (750). */
export function probationaryLength(rows: number, percent = PROBATION_PERCENT): number {
  return Math.min(Math.floor(percent * rows), percent * 5000);
}

/** A series prepared for scoring: what a detection at each row would be worth. */
export interface PreparedSeries {
  readonly rows: number;
  readonly probation: number;
  /** Per row: index of the window it lies in, or −1 outside every window. */
  readonly windowOfRow: Int32Array;
  /** Per row: the weighted score of a detection at that row (TP value inside a window, FP cost outside). */
  readonly weight: Float64Array;
  /** The scored windows (those not wholly inside the probationary period), first and last row indices. */
  readonly windows: ReadonlyArray<{ readonly first: number; readonly last: number }>;
  readonly profile: NabProfile;
}

/**
 * Locates the windows on the rows (first row at or after the start, last at or before the end; NAB's windows
 * start and end on rows exactly) and weighs each row as `calcSweepScore` does.
 */
export function prepareSeries(
  timestampsMs: readonly number[],
  windows: readonly NabWindow[],
  profile: NabProfile = STANDARD_PROFILE,
): PreparedSeries {
  const rows = timestampsMs.length;
  for (let i = 1; i < rows; i += 1) {
    if ((timestampsMs[i] as number) <= (timestampsMs[i - 1] as number)) {
      throw new RangeError(`timestamps must increase (row ${i})`);
    }
  }
  const probation = probationaryLength(rows);
  const located: Array<{ first: number; last: number }> = [];
  const sorted = [...windows].sort((a, b) => a.startMs - b.startMs);
  for (const window of sorted) {
    if (window.endMs < window.startMs) throw new RangeError('a window ends before it starts');
    let first = -1;
    let last = -1;
    for (let i = 0; i < rows; i += 1) {
      const t = timestampsMs[i] as number;
      if (t >= window.startMs && t <= window.endMs) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first < 0) continue; // no row inside: nothing to detect
    const previous = located[located.length - 1];
    if (previous !== undefined && first <= previous.last) throw new RangeError('windows overlap');
    located.push({ first, last });
  }

  const windowOfRow = new Int32Array(rows).fill(-1);
  const weight = new Float64Array(rows);
  const maxTp = scaledSigmoid(-1);
  let next = 0;
  let previous: { first: number; last: number } | null = null;
  for (let i = 0; i < rows; i += 1) {
    const current = located[next];
    if (current !== undefined && i >= current.first && i <= current.last) {
      const width = current.last - current.first + 1;
      const position = -(current.last - i + 1) / width;
      windowOfRow[i] = next;
      weight[i] = (profile.aTp * scaledSigmoid(position)) / maxTp;
      if (i === current.last) {
        previous = current;
        next += 1;
      }
    } else {
      const width = previous === null ? 0 : previous.last - previous.first + 1;
      // NAB divides by (width − 1); a one-row window would divide by zero there, so it counts as far away.
      const position = previous === null || width <= 1 ? 3 : Math.abs(previous.last - i) / (width - 1);
      weight[i] = -profile.aFp * scaledSigmoid(position);
    }
  }
  // A window that lies wholly inside the probationary period is not scored (NAB labels its rows "probationary");
  // one that straddles its end is, through its rows after it.
  const scored = located.map((w) => (w.last >= probation ? w : null));
  for (let i = 0; i < rows; i += 1) {
    const index = windowOfRow[i] as number;
    if (index >= 0 && scored[index] === null) windowOfRow[i] = -2;
  }
  return {
    rows,
    probation,
    windowOfRow,
    weight,
    windows: located.filter((w) => w.last >= probation),
    profile,
  };
}

export interface WindowOutcome {
  readonly first: number;
  readonly last: number;
  /** Row of the earliest detection inside the window, or null (a false negative). */
  readonly detectedAt: number | null;
}

export interface SeriesScore {
  readonly raw: number;
  /** No detection at all: A_fn per window. */
  readonly nullScore: number;
  /** Every window detected at its first row: A_tp per window. */
  readonly perfect: number;
  readonly tp: number;
  readonly fn: number;
  /** Detections outside every window (after the probationary period). */
  readonly fp: number;
  readonly windows: readonly WindowOutcome[];
}

/**
 * Scores one series for a set of detections (`detected(row)` true where the detector alarms: NAB thresholds the
 * anomaly score, score ≥ threshold). Rows of the probationary period are ignored.
 */
export function scoreDetections(prepared: PreparedSeries, detected: (row: number) => boolean): SeriesScore {
  const { profile } = prepared;
  // Window indices in windowOfRow refer to all located windows; map them to the scored ones.
  const firstDetection = new Map<number, number>();
  let fpSum = 0;
  let fp = 0;
  for (let i = Math.ceil(prepared.probation); i < prepared.rows; i += 1) {
    if (!detected(i)) continue;
    const index = prepared.windowOfRow[i] as number;
    if (index === -2) continue; // a window inside the probationary period
    if (index === -1) {
      fp += 1;
      fpSum += prepared.weight[i] as number;
    } else if (!firstDetection.has(index)) {
      firstDetection.set(index, i);
    }
  }
  let raw = fpSum;
  let tp = 0;
  const outcomes: WindowOutcome[] = [];
  for (const window of prepared.windows) {
    const index = prepared.windowOfRow[window.first] as number;
    const at = firstDetection.get(index) ?? null;
    if (at === null) {
      raw += profile.aFn;
    } else {
      tp += 1;
      raw += prepared.weight[at] as number;
    }
    outcomes.push({ first: window.first, last: window.last, detectedAt: at });
  }
  const n = prepared.windows.length;
  return {
    raw,
    nullScore: n * profile.aFn,
    perfect: n * profile.aTp,
    tp,
    fn: n - tp,
    fp,
    windows: outcomes,
  };
}

/** Scores with NAB's rule `anomaly_score ≥ threshold`. */
export function scoreAtThreshold(
  prepared: PreparedSeries,
  scores: ArrayLike<number>,
  threshold: number,
): SeriesScore {
  if (scores.length !== prepared.rows) throw new RangeError('one score per row is needed');
  return scoreDetections(prepared, (row) => (scores[row] as number) >= threshold);
}

/** NAB's normalised score: 100 · (raw − null) / (perfect − null); 0 for the null detector, 100 for perfect. */
export function normalisedScore(parts: {
  readonly raw: number;
  readonly nullScore: number;
  readonly perfect: number;
}): number {
  const span = parts.perfect - parts.nullScore;
  return span === 0 ? 0 : (100 * (parts.raw - parts.nullScore)) / span;
}

/** Sums raw, null and perfect over series (a category or the corpus) before normalising, as NAB does. */
export function sumScores(
  scores: ReadonlyArray<Pick<SeriesScore, 'raw' | 'nullScore' | 'perfect' | 'tp' | 'fn' | 'fp'>>,
): { raw: number; nullScore: number; perfect: number; tp: number; fn: number; fp: number } {
  const total = { raw: 0, nullScore: 0, perfect: 0, tp: 0, fn: 0, fp: 0 };
  for (const s of scores) {
    total.raw += s.raw;
    total.nullScore += s.nullScore;
    total.perfect += s.perfect;
    total.tp += s.tp;
    total.fn += s.fn;
    total.fp += s.fp;
  }
  return total;
}

/**
 * The threshold that maximises the summed raw score `rawAt(threshold)` over `candidates` (NAB's optimiser climbs
 * towards the same maximum). Ties go to the highest threshold (fewest alarms).
 */
export function bestThreshold(
  candidates: readonly number[],
  rawAt: (threshold: number) => number,
): { threshold: number; raw: number } {
  let best = { threshold: Infinity, raw: -Infinity };
  const ordered = [...candidates].sort((a, b) => b - a);
  for (const threshold of ordered) {
    const raw = rawAt(threshold);
    if (raw > best.raw + 1e-12) best = { threshold, raw };
  }
  return best;
}
