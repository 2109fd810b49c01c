// Turns a stream of anomaly scores into alert decisions: fire at the onset of an episode, stay quiet while the
// same episode goes on, fire again only when it escalates to a new severity level, and re-arm once it has ended.
// Pure and JSON-safe, like the detector state it follows.

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface EpisodeOptions {
  /** Minimum score of each severity, ascending; the first one opens an episode. */
  thresholds?: Readonly<Record<Severity, number>>;
  /** An open episode ends after this many consecutive buckets scoring below `closeBelow`. */
  quietBuckets?: number;
  /** Score under which a bucket counts as quiet (hysteresis: lower than the opening threshold). */
  closeBelow?: number;
}

export const DEFAULT_SEVERITY_THRESHOLDS: Readonly<Record<Severity, number>> = {
  low: 0.7,
  medium: 0.9,
  high: 0.98,
  critical: 0.995,
};

export interface EpisodeState {
  thresholds: Record<Severity, number>;
  quietBuckets: number;
  closeBelow: number;
  isOpen: boolean;
  /** Highest severity already fired in the open episode (index into SEVERITIES), -1 when none. */
  firedLevel: number;
  /** Highest severity seen in the open episode. */
  peakLevel: number;
  /** Buckets since the episode opened. */
  openBuckets: number;
  /** Consecutive quiet buckets in the open episode. */
  quietRun: number;
}

export interface EpisodeStep {
  /** True when this bucket should raise or escalate an alert. */
  fired: boolean;
  /** Severity of this bucket's score, null below the lowest threshold. */
  severity: Severity | null;
  /** Highest severity of the open episode (or of the one that just closed), null when none. */
  peakSeverity: Severity | null;
  /** Whether an episode is open after this bucket. */
  episodeOpen: boolean;
  /** True on the bucket that opened the episode. */
  isOnset: boolean;
  /** True on an escalation fire (a new severity level within an open episode). */
  isEscalation: boolean;
}

export function createEpisodeState(options: EpisodeOptions = {}): EpisodeState {
  const thresholds = { ...(options.thresholds ?? DEFAULT_SEVERITY_THRESHOLDS) };
  let previous = -Infinity;
  for (const severity of SEVERITIES) {
    const threshold = thresholds[severity];
    if (!(threshold > previous) || threshold > 1) {
      throw new RangeError('severity thresholds must ascend from low to critical and stay within [0, 1]');
    }
    previous = threshold;
  }
  const closeBelow = options.closeBelow ?? thresholds.low * 0.5;
  if (closeBelow > thresholds.low) throw new RangeError('closeBelow must not exceed the low threshold');
  return {
    thresholds,
    quietBuckets: options.quietBuckets ?? 10,
    closeBelow,
    isOpen: false,
    firedLevel: -1,
    peakLevel: -1,
    openBuckets: 0,
    quietRun: 0,
  };
}

/** The severity level (index into SEVERITIES) of a score, -1 below the lowest threshold. */
export function severityLevel(thresholds: Readonly<Record<Severity, number>>, score: number): number {
  for (let level = SEVERITIES.length - 1; level >= 0; level -= 1) {
    const severity = SEVERITIES[level];
    if (severity !== undefined && score >= thresholds[severity]) return level;
  }
  return -1;
}

function severityAt(level: number): Severity | null {
  return SEVERITIES[level] ?? null;
}

/** Advances the episode by one bucket's score. Mutates `state`. */
export function stepEpisode(state: EpisodeState, score: number): EpisodeStep {
  const level = severityLevel(state.thresholds, score);
  if (!state.isOpen) {
    if (level < 0) {
      return {
        fired: false,
        severity: null,
        peakSeverity: null,
        episodeOpen: false,
        isOnset: false,
        isEscalation: false,
      };
    }
    state.isOpen = true;
    state.firedLevel = level;
    state.peakLevel = level;
    state.openBuckets = 1;
    state.quietRun = 0;
    const severity = severityAt(level);
    return {
      fired: true,
      severity,
      peakSeverity: severity,
      episodeOpen: true,
      isOnset: true,
      isEscalation: false,
    };
  }

  state.openBuckets += 1;
  state.peakLevel = Math.max(state.peakLevel, level);
  const isEscalation = level > state.firedLevel;
  if (isEscalation) state.firedLevel = level;
  state.quietRun = score < state.closeBelow ? state.quietRun + 1 : 0;
  const peakSeverity = severityAt(state.peakLevel);
  if (state.quietRun >= state.quietBuckets) {
    state.isOpen = false;
    state.firedLevel = -1;
    state.peakLevel = -1;
    state.openBuckets = 0;
    state.quietRun = 0;
  }
  return {
    fired: isEscalation,
    severity: severityAt(level),
    peakSeverity,
    episodeOpen: state.isOpen,
    isOnset: false,
    isEscalation,
  };
}
