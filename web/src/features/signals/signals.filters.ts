// The Signals page's filters: read from and written to the URL, turned into the API's query, and applied to
// signals that arrive live (so a new or changed signal enters or leaves the open lists without a refetch). Pure.
import {
  activeSignalStatuses,
  type Signal,
  type SignalKind,
  signalKinds,
  type SignalSeverity,
  signalSeverities,
  type SignalStatus,
} from '@contracts';
import type { SignalListParams } from './signals.api';

export const statusViews = ['active', 'open', 'acknowledged', 'snoozed', 'closed', 'all'] as const;
export type StatusView = (typeof statusViews)[number];

export const statusViewLabels: Record<StatusView, string> = {
  active: 'Needs attention',
  open: 'Open',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  closed: 'Closed',
  all: 'All',
};

export interface SignalFilters {
  view: StatusView;
  brandId?: string;
  /** Minimum severity. */
  severity?: SignalSeverity;
  kind?: SignalKind;
}

export const signalListLimit = 100;

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  value !== null && (values as readonly string[]).includes(value);

/** `?view=&brand=&severity=&kind=`; unknown values fall back to the defaults (signals needing attention). */
export function filtersFromSearch(search: URLSearchParams): SignalFilters {
  const view = search.get('view');
  const filters: SignalFilters = { view: isOneOf(statusViews, view) ? view : 'active' };
  const brand = search.get('brand')?.trim();
  if (brand) filters.brandId = brand;
  const severity = search.get('severity');
  if (isOneOf(signalSeverities, severity)) filters.severity = severity;
  const kind = search.get('kind');
  if (isOneOf(signalKinds, kind)) filters.kind = kind;
  return filters;
}

export function filtersToSearch(filters: SignalFilters, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  const set = (key: string, value: string | undefined) => {
    if (value) next.set(key, value);
    else next.delete(key);
  };
  set('view', filters.view === 'active' ? undefined : filters.view);
  set('brand', filters.brandId);
  set('severity', filters.severity);
  set('kind', filters.kind);
  return next;
}

export function toApiQuery(filters: SignalFilters, limit = signalListLimit): SignalListParams {
  const query: SignalListParams = { limit };
  if (filters.view === 'active') query.active = 'true';
  else if (filters.view === 'closed') query.active = 'false';
  else if (filters.view !== 'all') query.status = filters.view;
  if (filters.brandId) query.brandId = filters.brandId;
  if (filters.severity) query.severity = filters.severity;
  if (filters.kind) query.kind = filters.kind;
  return query;
}

export const severityRank: Record<SignalSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function isActiveStatus(status: SignalStatus): boolean {
  return (activeSignalStatuses as readonly SignalStatus[]).includes(status);
}

/** Whether a list with these API parameters would hold the signal. */
export function matchesQuery(signal: Signal, query: SignalListParams): boolean {
  if (query.status && signal.status !== query.status) return false;
  if (query.active === 'true' && !isActiveStatus(signal.status)) return false;
  if (query.active === 'false' && isActiveStatus(signal.status)) return false;
  if (query.brandId && signal.brandId !== query.brandId) return false;
  if (query.kind && signal.kind !== query.kind) return false;
  if (query.severity && severityRank[signal.severity] < severityRank[query.severity]) return false;
  return true;
}

/** The API's order: newest onset first, then the latest detection, then id. */
export function compareSignals(a: Signal, b: Signal): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  if (a.lastDetectedAt !== b.lastDetectedAt) return a.lastDetectedAt < b.lastDetectedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Puts a signal we learnt about into one cached list: added or replaced when it matches, removed when it no
 * longer does (acknowledged while the view shows open ones). Returns `signals` itself when nothing changed.
 */
export function upsertSignal(signals: readonly Signal[], signal: Signal, query: SignalListParams): Signal[] {
  const index = signals.findIndex((s) => s.id === signal.id);
  const belongs = matchesQuery(signal, query);
  if (index === -1 && !belongs) return signals as Signal[];
  if (index !== -1 && !belongs) return signals.filter((s) => s.id !== signal.id);
  const next = index === -1 ? [...signals, signal] : signals.map((s, i) => (i === index ? signal : s));
  return next.sort(compareSignals).slice(0, query.limit);
}
