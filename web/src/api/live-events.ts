// The app's one connection to /api/events (SSE). Each event name has one handler that folds the payload into
// the TanStack Query cache, so a brand created in another browser shows up here without a reload.
import type { EventMap, EventName, LiveEvent, SessionInfo } from '@contracts';
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { apiTokenKeys } from '../features/api-tokens/api-tokens.api';
import { auditKeys } from '../features/audit-log/audit-log.api';
import { sessionKey } from '../features/auth/auth.api';
import { brandKeys } from '../features/brands/brands.api';
import { crisisKeys } from '../features/crises/crises.api';
import { crisisLiveEventHandlers } from '../features/crises/crises.cache';
import { upsertBrandInCache } from '../features/brands/brands.cache';
import { mentionKeys, rollupKeys } from '../features/listen/listen.api';
import { onMentionsIngested } from '../features/listen/listen.cache';
import { sourceKeys } from '../features/sources/sources.api';
import { sourceLiveEventHandlers } from '../features/sources/sources.cache';
import { memberKeys } from '../features/members/members.api';
import { upsertMemberInCache } from '../features/members/members.cache';
import { sentimentKeys } from '../features/sentiment/sentiment.api';
import { sentimentLiveEventHandlers } from '../features/sentiment/sentiment.cache';
import { alertKeys, channelKeys } from '../features/alerting/alerting.api';
import { alertingLiveEventHandlers } from '../features/alerting/alerting.cache';
import { notificationKeys } from '../features/notifications/notifications.api';
import { notificationLiveEventHandlers } from '../features/notifications/notifications.cache';
import { routingRuleKeys, signalKeys } from '../features/signals/signals.api';
import { signalLiveEventHandlers } from '../features/signals/signals.cache';

/**
 * One handler per event the web app uses, typed by the shared EventMap. Events without a handler are not
 * listened to; a feature that needs one adds its handler here.
 */
export type LiveEventHandlers = {
  [N in EventName]?: (payload: EventMap[N], queryClient: QueryClient) => void;
};

/** Audit entries arrive in bursts (one per mutation); refetch the log at most once a second. */
const auditRefreshDelayMs = 1000;
const auditRefreshTimers = new WeakMap<QueryClient, ReturnType<typeof setTimeout>>();
function refreshAuditSoon(queryClient: QueryClient): void {
  if (auditRefreshTimers.has(queryClient)) return;
  auditRefreshTimers.set(
    queryClient,
    setTimeout(() => {
      auditRefreshTimers.delete(queryClient);
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    }, auditRefreshDelayMs),
  );
}

export const liveEventHandlers: LiveEventHandlers = {
  'brand.created': (brand, queryClient) => upsertBrandInCache(queryClient, brand),
  'brand.updated': (brand, queryClient) => upsertBrandInCache(queryClient, brand),
  'member.invited': (member, queryClient) => upsertMemberInCache(queryClient, member),
  'member.updated': (member, queryClient) => {
    upsertMemberInCache(queryClient, member);
    // A change to the signed-in member can change their permissions: reload the session.
    const session = queryClient.getQueryData<SessionInfo | null>(sessionKey);
    if (session?.member.id === member.id) void queryClient.invalidateQueries({ queryKey: sessionKey });
  },
  'audit.appended': (_entry, queryClient) => refreshAuditSoon(queryClient),
  ...crisisLiveEventHandlers,
  'mentions.ingested': onMentionsIngested,
  ...sourceLiveEventHandlers,
  ...sentimentLiveEventHandlers,
  ...alertingLiveEventHandlers,
  ...notificationLiveEventHandlers,
  ...signalLiveEventHandlers,
};

/** What a fresh connection cannot replay for us: everything the live events keep current. */
const resyncKeys = [
  brandKeys.all,
  memberKeys.all,
  auditKeys.all,
  apiTokenKeys.all,
  crisisKeys.all,
  mentionKeys.all,
  rollupKeys.all,
  sourceKeys.all,
  sentimentKeys.all,
  channelKeys.all,
  alertKeys.all,
  notificationKeys.all,
  signalKeys.all,
  routingRuleKeys.all,
];

// EventSource.CLOSED, spelled out so this module also loads where EventSource is not a global (tests).
const eventSourceClosed = 2;

/** Parses one SSE frame's data and hands its payload to the handler for `name`. Returns false if ignored. */
export function dispatchLiveEvent(
  queryClient: QueryClient,
  name: string,
  data: string,
  handlers: LiveEventHandlers = liveEventHandlers,
): boolean {
  if (!Object.hasOwn(handlers, name)) return false;
  const handler = handlers[name as EventName] as
    ((payload: unknown, queryClient: QueryClient) => void) | undefined;
  if (!handler) return false;
  let event: LiveEvent;
  try {
    event = JSON.parse(data) as LiveEvent;
  } catch {
    console.warn(`live event ${name}: data is not JSON`);
    return false;
  }
  handler(event.payload, queryClient);
  return true;
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

let status: LiveStatus = 'offline';
const statusListeners = new Set<() => void>();
function setStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of statusListeners) listener();
}

/** The connection state, for the header's live indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    () => status,
  );
}

export interface LiveEventsOptions {
  url?: string;
  /** For tests: an EventSource stand-in. */
  createEventSource?: (url: string) => EventSource;
  handlers?: LiveEventHandlers;
}

const maxBackoffMs = 30_000;

/**
 * Opens the one EventSource and keeps it open. The browser reconnects by itself after a dropped connection
 * (resending Last-Event-ID, so the server replays what we missed). When it gives up (the server answered an
 * error status), we open a new one with backoff, and refetch the live lists because that one starts fresh.
 * Returns a function that closes the connection for good.
 */
export function connectLiveEvents(queryClient: QueryClient, options: LiveEventsOptions = {}): () => void {
  const url = options.url ?? '/api/events';
  const create = options.createEventSource ?? ((u: string) => new EventSource(u, { withCredentials: true }));
  const handlers = options.handlers ?? liveEventHandlers;
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let closed = false;
  let needsResync = false;

  const open = () => {
    if (closed) return;
    setStatus(attempts === 0 ? 'connecting' : 'reconnecting');
    const current = create(url);
    source = current;
    current.onopen = () => {
      attempts = 0;
      setStatus('live');
      if (needsResync) {
        needsResync = false;
        for (const queryKey of resyncKeys) void queryClient.invalidateQueries({ queryKey });
      }
    };
    current.onerror = () => {
      if (closed || source !== current) return;
      if (current.readyState !== eventSourceClosed) {
        setStatus('reconnecting'); // the browser retries on its own
        return;
      }
      current.close();
      needsResync = true;
      attempts += 1;
      setStatus('reconnecting');
      // It may have closed because the session ended; the session query decides whether to sign out.
      void queryClient.invalidateQueries({ queryKey: sessionKey });
      const delay =
        Math.min(maxBackoffMs, 1000 * 2 ** Math.min(attempts - 1, 5)) * (0.8 + Math.random() * 0.4);
      retryTimer = setTimeout(open, delay);
    };
    for (const name of Object.keys(handlers)) {
      current.addEventListener(name, (event) => {
        try {
          dispatchLiveEvent(queryClient, name, (event as MessageEvent<string>).data, handlers);
        } catch (error) {
          console.error(`live event ${name} failed`, error);
        }
      });
    }
  };

  open();
  return () => {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    source?.close();
    source = null;
    setStatus('offline');
  };
}
