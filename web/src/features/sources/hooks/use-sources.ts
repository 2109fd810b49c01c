import type { CreateSourceInput, UpdateSourceInput } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createSource, listSources, removeSource, sourceKeys, updateSource } from '../sources.api';
import { removeSourceFromCache, upsertSourceInCache } from '../sources.cache';

export function useSources() {
  return useQuery({
    queryKey: sourceKeys.list,
    queryFn: ({ signal }) => listSources(signal),
    // Status, lag, counters and errors move with every batch and every reconnect without a live event of
    // their own (the runner writes them); the list is re-read every few seconds while the page is open.
    refetchInterval: 5_000,
  });
}

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSourceInput) => createSource(input),
    meta: { inlineErrors: true },
    // The one-time signing secret is shown by the form, never kept in the cache.
    onSuccess: ({ signingSecret: _secret, ...source }) => upsertSourceInCache(queryClient, source),
  });
}

export function useUpdateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateSourceInput }) => updateSource(id, input),
    onSuccess: ({ signingSecret: _secret, ...source }) => upsertSourceInCache(queryClient, source),
  });
}

export function useRemoveSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => removeSource(id),
    onSuccess: (_void, id) => removeSourceFromCache(queryClient, id),
  });
}
