import type {
  CreateRoutingRuleInput,
  DeclareCrisisFromSignalInput,
  Signal,
  SignalFeedbackInput,
  UpdateRoutingRuleInput,
} from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { upsertCrisisInCache } from '../../crises/crises.cache';
import {
  acknowledgeSignal,
  createRoutingRule,
  declareCrisisFromSignal,
  deleteRoutingRule,
  dismissSignal,
  getFeedbackReport,
  getSignal,
  giveSignalFeedback,
  listRoutingRules,
  listSignals,
  routingRuleKeys,
  signalKeys,
  type SignalListParams,
  snoozeSignal,
  updateRoutingRule,
} from '../signals.api';
import { removeRoutingRuleFromCache, upsertRoutingRuleInCache, upsertSignalInCache } from '../signals.cache';

/** A list of signals; new and changed ones arrive live (`signal.opened`, `signal.updated`). */
export function useSignals(params: SignalListParams, enabled = true) {
  return useQuery({
    queryKey: signalKeys.list(params),
    queryFn: ({ signal }) => listSignals(params, signal),
    enabled,
    // Kept current by live events (ended snoozes included); a fresh visit still reloads.
    staleTime: 10_000,
  });
}

export function useSignal(id: string) {
  return useQuery({
    queryKey: signalKeys.detail(id),
    queryFn: ({ signal }) => getSignal(id, signal),
    // The chart extends to now; nothing announces that, so look again each minute.
    refetchInterval: 60_000,
  });
}

export function useFeedbackReport(enabled = true) {
  return useQuery({
    queryKey: signalKeys.report,
    queryFn: ({ signal }) => getFeedbackReport(signal),
    enabled,
    staleTime: 60_000,
    meta: { inlineErrors: true },
  });
}

type SignalAction =
  | { kind: 'acknowledge'; note?: string }
  | { kind: 'snooze'; minutes: number; note?: string }
  | { kind: 'dismiss'; reason?: string };

/** Acknowledge, snooze or dismiss: the answer updates every list and the view at once. */
export function useSignalAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: SignalAction): Promise<Signal> => {
      switch (action.kind) {
        case 'acknowledge':
          return acknowledgeSignal(id, action.note ? { note: action.note } : {});
        case 'snooze':
          return snoozeSignal(id, {
            minutes: action.minutes,
            ...(action.note ? { note: action.note } : {}),
          });
        case 'dismiss':
          return dismissSignal(id, action.reason ? { reason: action.reason } : {});
      }
    },
    onSuccess: (signal) => upsertSignalInCache(queryClient, signal),
  });
}

export function useSignalFeedback(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignalFeedbackInput) => giveSignalFeedback(id, input),
    onSuccess: (signal) => {
      upsertSignalInCache(queryClient, signal);
      void queryClient.invalidateQueries({ queryKey: signalKeys.detail(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: signalKeys.report });
    },
  });
}

export function useDeclareCrisisFromSignal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeclareCrisisFromSignalInput) => declareCrisisFromSignal(id, input),
    meta: { inlineErrors: true },
    onSuccess: ({ signal, crisis }) => {
      upsertSignalInCache(queryClient, signal);
      upsertCrisisInCache(queryClient, crisis);
    },
  });
}

export function useRoutingRules() {
  return useQuery({ queryKey: routingRuleKeys.list, queryFn: ({ signal }) => listRoutingRules(signal) });
}

export function useSaveRoutingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      variables: { id: null; input: CreateRoutingRuleInput } | { id: string; input: UpdateRoutingRuleInput },
    ) =>
      variables.id === null
        ? createRoutingRule(variables.input)
        : updateRoutingRule(variables.id, variables.input),
    meta: { inlineErrors: true },
    onSuccess: (rule) => upsertRoutingRuleInCache(queryClient, rule),
  });
}

export function useDeleteRoutingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteRoutingRule(id),
    onSuccess: (_r, id) => removeRoutingRuleFromCache(queryClient, id),
  });
}
