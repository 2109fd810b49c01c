import type { CreateSourceInput, UpdateSourceInput } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createSource, listSources, removeSource, sourceKeys, updateSource } from '../sources.api';
import { removeSourceFromCache, upsertSourceInCache } from '../sources.cache';

export function useSources() {
  return useQuery({
    queryKey: sourceKeys.list,
    queryFn: ({ signal }) => listSources(signal),
    // Lag and counters move with every batch; the list is also kept current by live events.
    refetchInterval: 15_000,
  });
}

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSourceInput) => createSource(input),
    meta: { inlineErrors: true },
    onSuccess: (source) => upsertSourceInCache(queryClient, source),
  });
}

export function useUpdateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateSourceInput }) => updateSource(id, input),
    onSuccess: (source) => upsertSourceInCache(queryClient, source),
  });
}

export function useRemoveSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => removeSource(id),
    onSuccess: (_void, id) => removeSourceFromCache(queryClient, id),
  });
}
