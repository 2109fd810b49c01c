// Folds signal live events (and our own action answers) into the cached signal lists and signal views. A
// signal's detail (chart extended to now, detections, feedback) is asked again, throttled, when it changes.
import type { EventMap, RoutingRule, Signal, SignalDetail } from '@contracts';
import type { QueryClient } from '@tanstack/react-query';
import { sortByText, upsertById } from '../../lib/collections';
import {
  routingRuleKeys,
  type RoutingRuleList,
  signalKeys,
  type SignalList,
  type SignalListParams,
} from './signals.api';
import { upsertSignal } from './signals.filters';

export function upsertSignalInCache(queryClient: QueryClient, signal: Signal): void {
  for (const [queryKey, data] of queryClient.getQueriesData<SignalList>({ queryKey: signalKeys.lists })) {
    const params = queryKey[2] as SignalListParams | undefined;
    if (!data || !params) continue;
    const signals = upsertSignal(data.signals, signal, params);
    if (signals !== data.signals) queryClient.setQueryData<SignalList>(queryKey, { signals });
  }
  queryClient.setQueryData<SignalDetail>(signalKeys.detail(signal.id), (detail) =>
    detail ? { ...detail, signal } : detail,
  );
}

const detailRefreshMs = 2_000;
const pending = new WeakMap<QueryClient, Map<string, ReturnType<typeof setTimeout>>>();

/** Refetches an open signal view at most every two seconds while its signal keeps changing. */
function refreshDetailSoon(queryClient: QueryClient, id: string): void {
  if (!queryClient.getQueryData(signalKeys.detail(id))) return;
  let timers = pending.get(queryClient);
  if (!timers) {
    timers = new Map();
    pending.set(queryClient, timers);
  }
  if (timers.has(id)) return;
  timers.set(
    id,
    setTimeout(() => {
      timers.delete(id);
      void queryClient.invalidateQueries({ queryKey: signalKeys.detail(id), exact: true });
    }, detailRefreshMs),
  );
}

export function upsertRoutingRuleInCache(queryClient: QueryClient, rule: RoutingRule): void {
  queryClient.setQueryData<RoutingRuleList>(routingRuleKeys.list, (data) =>
    data ? { rules: sortByText(upsertById(data.rules, rule), (r) => r.name) } : data,
  );
}

export function removeRoutingRuleFromCache(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<RoutingRuleList>(routingRuleKeys.list, (data) =>
    data ? { rules: data.rules.filter((r) => r.id !== id) } : data,
  );
}

type Handlers = {
  [N in keyof EventMap as N extends `signal.${string}` | `routing_rule.${string}` ? N : never]: (
    payload: EventMap[N],
    queryClient: QueryClient,
  ) => void;
};

export const signalLiveEventHandlers: Handlers = {
  'signal.opened': (signal, qc) => upsertSignalInCache(qc, signal),
  'signal.updated': (signal, qc) => {
    upsertSignalInCache(qc, signal);
    refreshDetailSoon(qc, signal.id);
    // A merge changes the surviving signal's detail too.
    if (signal.mergedIntoId) refreshDetailSoon(qc, signal.mergedIntoId);
  },
  'routing_rule.updated': (rule, qc) => upsertRoutingRuleInCache(qc, rule),
  'routing_rule.deleted': ({ id }, qc) => removeRoutingRuleFromCache(qc, id),
};
