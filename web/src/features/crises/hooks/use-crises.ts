import type { Crisis, DeclareCrisisInput } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { crisisKeys, declareCrisis, getRoom, listCrises } from '../crises.api';
import { upsertCrisisInCache } from '../crises.cache';

export const useCrises = () =>
  useQuery({ queryKey: crisisKeys.list, queryFn: ({ signal }) => listCrises(signal) });

export const useCrisisRoom = (id: string) =>
  useQuery({ queryKey: crisisKeys.room(id), queryFn: ({ signal }) => getRoom(id, signal) });

export function useDeclareCrisis() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeclareCrisisInput) => declareCrisis(input),
    meta: { inlineErrors: true },
    onSuccess: (crisis: Crisis) => upsertCrisisInCache(queryClient, crisis),
  });
}

/** A room mutation: the answer and the live events update the cache, so no refetch is needed. */
export function useRoomMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  return useMutation({ mutationFn });
}
