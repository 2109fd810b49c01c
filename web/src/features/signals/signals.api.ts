import type {
  AcknowledgeSignalInput,
  CreateRoutingRuleInput,
  DeclareCrisisFromSignalInput,
  DeclareCrisisFromSignalResult,
  DismissSignalInput,
  ListSignalsQuery,
  RoutingRule,
  Signal,
  SignalDetail,
  SignalFeedbackInput,
  SignalFeedbackReport,
  SnoozeSignalInput,
  UpdateRoutingRuleInput,
} from '@contracts';
import { http } from '../../api/http';

export interface SignalList {
  signals: Signal[];
}
export interface RoutingRuleList {
  rules: RoutingRule[];
}

/** The list query the Signals page sends (the contract's, without the defaults' coercion). */
export type SignalListParams = Omit<ListSignalsQuery, 'limit'> & { limit: number };

export const signalKeys = {
  all: ['signals'] as const,
  lists: ['signals', 'list'] as const,
  list: (params: SignalListParams) => ['signals', 'list', params] as const,
  details: ['signals', 'detail'] as const,
  detail: (id: string) => ['signals', 'detail', id] as const,
  report: ['signals', 'feedback-report'] as const,
};

export const routingRuleKeys = {
  all: ['routing-rules'] as const,
  list: ['routing-rules', 'list'] as const,
};

const base = (id: string) => `/api/signals/${encodeURIComponent(id)}`;

export const listSignals = (params: SignalListParams, signal?: AbortSignal) =>
  http.get<SignalList>('/api/signals', { query: { ...params }, signal });
export const getSignal = (id: string, signal?: AbortSignal) => http.get<SignalDetail>(base(id), { signal });
export const acknowledgeSignal = (id: string, input: AcknowledgeSignalInput = {}) =>
  http.post<Signal>(`${base(id)}/acknowledge`, input);
export const snoozeSignal = (id: string, input: SnoozeSignalInput) =>
  http.post<Signal>(`${base(id)}/snooze`, input);
export const dismissSignal = (id: string, input: DismissSignalInput = {}) =>
  http.post<Signal>(`${base(id)}/dismiss`, input);
export const giveSignalFeedback = (id: string, input: SignalFeedbackInput) =>
  http.post<Signal>(`${base(id)}/feedback`, input);
export const declareCrisisFromSignal = (id: string, input: DeclareCrisisFromSignalInput) =>
  http.post<DeclareCrisisFromSignalResult>(`${base(id)}/declare-crisis`, input);
export const getFeedbackReport = (signal?: AbortSignal) =>
  http.get<SignalFeedbackReport>('/api/signals/feedback-report', { signal });

export const listRoutingRules = (signal?: AbortSignal) =>
  http.get<RoutingRuleList>('/api/routing-rules', { signal });
export const createRoutingRule = (input: CreateRoutingRuleInput) =>
  http.post<RoutingRule>('/api/routing-rules', input);
export const updateRoutingRule = (id: string, input: UpdateRoutingRuleInput) =>
  http.patch<RoutingRule>(`/api/routing-rules/${encodeURIComponent(id)}`, input);
export const deleteRoutingRule = (id: string) => http.delete(`/api/routing-rules/${encodeURIComponent(id)}`);
