// How detections become signals: related detections of a brand within a window merge into one signal, which
// notifies again only when it escalates to a new severity. Pure.
import type { SignalKind, SignalSeverity, SignalStatus } from '../../../../contracts';

export const severityOrder: readonly SignalSeverity[] = ['low', 'medium', 'high', 'critical'];

export function severityRank(severity: SignalSeverity): number {
  return severityOrder.indexOf(severity);
}

export function maxSeverity(a: SignalSeverity, b: SignalSeverity): SignalSeverity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

export function atLeast(severity: SignalSeverity, minimum: SignalSeverity): boolean {
  return severityRank(severity) >= severityRank(minimum);
}

/** One detector fire, whatever produced it (a series detector, a narrative scan, a high-reach post). */
export interface Detection {
  brandId: string;
  kind: SignalKind;
  /** `all`, a platform, `terms`, `post:<mention id>`: unique with metric and t (replays are idempotent). */
  seriesKey: string;
  metric: string;
  platform: string | null;
  /** Start of the bucket that fired (epoch ms). */
  t: number;
  score: number;
  severity: SignalSeverity;
  isOnset: boolean;
  summary: string;
}

export interface SignalView {
  id: string;
  brandId: string;
  status: SignalStatus;
  severity: SignalSeverity;
  lastDetectedAt: number;
  createdAt: number;
}

export interface MergePolicy {
  /** A detection joins a brand's signal whose last detection is at most this old. */
  windowMs: number;
}

export const defaultMergePolicy: MergePolicy = { windowMs: 3 * 3_600_000 };

export type SignalPlan =
  | { kind: 'open' }
  | {
      kind: 'update';
      signalId: string;
      /** A new severity, higher than the signal's. */
      escalated: boolean;
      /** A snoozed or dismissed signal that escalated comes back open. */
      reopen: boolean;
      /** Whether people are told again (a new severity on a signal no crisis has taken over). */
      notify: boolean;
    };

const mergeable: readonly SignalStatus[] = ['open', 'acknowledged', 'snoozed', 'escalated', 'dismissed'];

/** The signal a detection joins (the brand's most recent within the window), or null to open a new one. */
export function signalToJoin(
  signals: readonly SignalView[],
  detection: Detection,
  policy: MergePolicy = defaultMergePolicy,
): SignalView | null {
  let best: SignalView | null = null;
  for (const s of signals) {
    if (s.brandId !== detection.brandId || !mergeable.includes(s.status)) continue;
    if (detection.t - s.lastDetectedAt > policy.windowMs) continue;
    if (!best || s.lastDetectedAt > best.lastDetectedAt) best = s;
  }
  return best;
}

/** Decides what a detection does: open a signal, or update (and maybe escalate, reopen, re-notify) one. */
export function planDetection(
  signals: readonly SignalView[],
  detection: Detection,
  policy: MergePolicy = defaultMergePolicy,
): SignalPlan {
  const joined = signalToJoin(signals, detection, policy);
  if (!joined) return { kind: 'open' };
  const escalated = severityRank(detection.severity) > severityRank(joined.severity);
  const reopen = escalated && (joined.status === 'snoozed' || joined.status === 'dismissed');
  return {
    kind: 'update',
    signalId: joined.id,
    escalated,
    reopen,
    notify: escalated && joined.status !== 'escalated',
  };
}

/**
 * When a brand has several active signals inside one window (two workers, or detections of different kinds opened
 * in the same run), the oldest survives and the others are merged into it.
 */
export function mergeDuplicates(
  signals: readonly SignalView[],
  policy: MergePolicy = defaultMergePolicy,
): { survivorId: string; mergedIds: string[] }[] {
  const active = signals
    .filter((s) => s.status === 'open' || s.status === 'acknowledged' || s.status === 'snoozed')
    .sort((a, b) => a.createdAt - b.createdAt);
  const out: { survivorId: string; mergedIds: string[] }[] = [];
  const byBrand = new Map<string, SignalView[]>();
  for (const s of active) byBrand.set(s.brandId, [...(byBrand.get(s.brandId) ?? []), s]);
  for (const list of byBrand.values()) {
    const survivor = list[0]!;
    const merged = list
      .slice(1)
      .filter((s) => Math.abs(s.createdAt - survivor.lastDetectedAt) <= policy.windowMs)
      .map((s) => s.id);
    if (merged.length > 0) out.push({ survivorId: survivor.id, mergedIds: merged });
  }
  return out;
}
