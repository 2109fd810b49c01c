// How mentions that arrive live (`mentions.ingested`, one event per committed batch) reach the cached mention
// lists and charts: matching mentions are put into each open list in place (newest first), remembered as live
// arrivals (so a paused stream can hold them back and count them), and whatever the event cannot tell (a batch
// larger than the 50 mentions it carries, a full-text search) is asked from the server, throttled.
import type { EventMap, Mention, MentionPage } from '@contracts';
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import { listMentions, mentionKeys, rollupKeys } from './listen.api';
import { matchesFilters, type MentionFilters, toApiQuery } from './listen.filters';

export type MentionPages = InfiniteData<MentionPage, string | undefined>;

/** Newest first: by creation time, then id (the API's order). Negative when `a` comes first. */
export function compareNewestFirst(a: Mention, b: Mention): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * Puts `incoming` into the loaded pages at their place in the order. A mention older than everything loaded
 * while older pages remain unloaded is left for "Load more" to bring. Returns the new data and what was
 * inserted; `data` itself when nothing was.
 */
export function insertMentions(
  data: MentionPages,
  incoming: readonly Mention[],
): { data: MentionPages; inserted: Mention[] } {
  const known = new Set<string>();
  for (const page of data.pages) for (const m of page.mentions) known.add(m.id);
  const pages = data.pages.map((page) => page.mentions);
  const inserted: Mention[] = [];
  for (const mention of incoming) {
    if (known.has(mention.id)) continue;
    let target = pages.findIndex((list) => {
      const oldest = list.at(-1);
      return oldest !== undefined && compareNewestFirst(mention, oldest) < 0;
    });
    if (target === -1) {
      const last = data.pages.at(-1);
      if (!last || last.nextCursor !== null) continue;
      target = pages.length - 1;
    }
    const list = pages[target]!.slice();
    const at = list.findIndex((m) => compareNewestFirst(mention, m) < 0);
    list.splice(at === -1 ? list.length : at, 0, mention);
    pages[target] = list;
    known.add(mention.id);
    inserted.push(mention);
  }
  if (inserted.length === 0) return { data, inserted };
  return {
    data: { ...data, pages: data.pages.map((page, i) => ({ ...page, mentions: pages[i]! })) },
    inserted,
  };
}

// Live arrivals: id → sequence number, so a paused stream shows only what arrived before it was paused.
let liveSeq = 0;
const liveArrivals = new Map<string, number>();
const maxRemembered = 20_000;

export function currentLiveSeq(): number {
  return liveSeq;
}

/** The sequence number of a mention that arrived live, or undefined for one loaded from the API. */
export function liveSeqOf(id: string): number | undefined {
  return liveArrivals.get(id);
}

function markLive(mentions: readonly Mention[]): void {
  liveSeq += 1;
  for (const m of mentions) liveArrivals.set(m.id, liveSeq);
  if (liveArrivals.size > maxRemembered) {
    const excess = liveArrivals.size - maxRemembered;
    let i = 0;
    for (const id of liveArrivals.keys()) {
      if (i++ >= excess) break;
      liveArrivals.delete(id);
    }
  }
}

/** Runs `fn` at most once per `intervalMs` per key: at once when idle, else once at the end of the interval. */
function throttler(intervalMs: number) {
  const last = new Map<string, number>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  return (key: string, fn: () => void) => {
    if (pending.has(key)) return;
    const wait = (last.get(key) ?? 0) + intervalMs - Date.now();
    const run = () => {
      pending.delete(key);
      last.set(key, Date.now());
      fn();
    };
    if (wait <= 0) run();
    else pending.set(key, setTimeout(run, wait));
  };
}

/** Charts refetch their rollups at most this often while mentions arrive. */
export const rollupRefreshMs = 3_000;
const gapFillMs = 2_000;
const rollupThrottle = new WeakMap<QueryClient, ReturnType<typeof throttler>>();
const gapThrottle = new WeakMap<QueryClient, ReturnType<typeof throttler>>();

function throttleFor(
  map: WeakMap<QueryClient, ReturnType<typeof throttler>>,
  queryClient: QueryClient,
  ms: number,
) {
  let t = map.get(queryClient);
  if (!t) {
    t = throttler(ms);
    map.set(queryClient, t);
  }
  return t;
}

function newestLoaded(data: MentionPages): Mention | undefined {
  return data.pages[0]?.mentions[0];
}

/** Asks the server for what is newer than the newest loaded mention of one list, and puts it in. */
async function fillGap(queryClient: QueryClient, queryKey: QueryKey, filters: MentionFilters) {
  const data = queryClient.getQueryData<MentionPages>(queryKey);
  if (!data) return;
  const newest = newestLoaded(data);
  if (!newest) {
    // Nothing loaded yet (an empty list): load it again from the start.
    await queryClient.invalidateQueries({ queryKey, exact: true });
    return;
  }
  const page = await listMentions({ ...toApiQuery(filters, undefined, 200), since: newest.createdAt });
  if (page.nextCursor !== null) {
    // More arrived than one page holds: reload the list rather than leave a hole in it.
    await queryClient.invalidateQueries({ queryKey, exact: true });
    return;
  }
  const current = queryClient.getQueryData<MentionPages>(queryKey);
  if (!current) return;
  const fresh = page.mentions.filter((m) => matchesFilters(m, filters) !== false);
  const { data: next, inserted } = insertMentions(current, fresh);
  if (inserted.length > 0) {
    markLive(inserted);
    queryClient.setQueryData(queryKey, next);
  }
}

export function onMentionsIngested(payload: EventMap['mentions.ingested'], queryClient: QueryClient): void {
  throttleFor(
    rollupThrottle,
    queryClient,
    rollupRefreshMs,
  )('rollups', () => {
    void queryClient.invalidateQueries({ queryKey: rollupKeys.all });
  });
  for (const [queryKey, data] of queryClient.getQueriesData<MentionPages>({ queryKey: mentionKeys.lists })) {
    if (!data?.pages) continue;
    const filters = queryKey[2] as MentionFilters | undefined;
    if (!filters) continue;
    if (filters.brandId && !payload.brandIds.includes(filters.brandId)) continue;
    const keep: Mention[] = [];
    let undecided = false;
    for (const m of payload.mentions) {
      const match = matchesFilters(m, filters);
      if (match === true) keep.push(m);
      else if (match === undefined) undecided = true;
    }
    if (keep.length > 0) {
      const { data: next, inserted } = insertMentions(data, keep);
      if (inserted.length > 0) {
        markLive(inserted);
        queryClient.setQueryData(queryKey, next);
      }
    }
    if (undecided || payload.count > payload.mentions.length) {
      throttleFor(
        gapThrottle,
        queryClient,
        gapFillMs,
      )(JSON.stringify(queryKey), () => {
        fillGap(queryClient, queryKey, filters).catch((error: unknown) =>
          console.warn('could not load new mentions', error),
        );
      });
    }
  }
}
