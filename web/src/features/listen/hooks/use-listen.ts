import type { Mention, RollupSeries } from '@contracts';
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { brandKeys } from '../../brands/brands.api';
import {
  getMention,
  getRollups,
  listMentions,
  mentionKeys,
  type RollupParams,
  rollupKeys,
  startDemo,
} from '../listen.api';
import { matchesFilters, type MentionFilters, toApiQuery } from '../listen.filters';

/** The mention stream for the filters: newest first, older pages through the API cursor. */
export function useMentionStream(filters: MentionFilters) {
  const query = useInfiniteQuery({
    queryKey: mentionKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listMentions(toApiQuery(filters, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Kept current by live events; a fresh visit still reloads.
    staleTime: 10_000,
  });
  const mentions = useMemo<Mention[]>(() => {
    const all = query.data?.pages.flatMap((page) => page.mentions) ?? [];
    // Several platforms at once are filtered here (the API takes one); `q` was applied by the server.
    return filters.platforms.length > 1 ? all.filter((m) => matchesFilters(m, filters) !== false) : all;
  }, [query.data, filters]);
  return { ...query, mentions };
}

export function useMention(id: string | null) {
  return useQuery({
    queryKey: mentionKeys.detail(id ?? ''),
    queryFn: ({ signal }) => getMention(id!, signal),
    enabled: id !== null,
    staleTime: 60_000,
  });
}

/** One rollup series per brand (the API answers per brand); refetched by live events, throttled. */
export function useRollups(brandIds: readonly string[], params: Omit<RollupParams, 'brandId'>) {
  return useQueries({
    queries: brandIds.map((brandId) => ({
      queryKey: rollupKeys.series({ ...params, brandId }),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        getRollups({ ...params, brandId }, Date.now(), signal),
      staleTime: 5_000,
      // The window slides even when nothing arrives.
      refetchInterval: params.bucket === 'minute' ? 60_000 : 5 * 60_000,
    })),
    combine: (results) => ({
      series: results.map((r) => r.data).filter((d): d is RollupSeries => d !== undefined),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
      dataUpdatedAt: Math.max(0, ...results.map((r) => r.dataUpdatedAt)),
    }),
  });
}

export function useStartDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startDemo,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: brandKeys.all });
      void queryClient.invalidateQueries({ queryKey: mentionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['sources'] });
    },
  });
}
