import type { CreateNotificationChannelInput, UpdateNotificationChannelInput } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  alertKeys,
  type AlertListParams,
  channelKeys,
  createChannel,
  deleteChannel,
  listAlerts,
  listChannels,
  testChannel,
  updateChannel,
} from '../alerting.api';
import { removeChannelFromCache, upsertChannelInCache } from '../alerting.cache';

export function useChannels(enabled = true) {
  return useQuery({ queryKey: channelKeys.list, queryFn: ({ signal }) => listChannels(signal), enabled });
}

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateNotificationChannelInput) => createChannel(input),
    meta: { inlineErrors: true },
    onSuccess: (channel) => upsertChannelInCache(queryClient, channel),
  });
}

export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateNotificationChannelInput }) =>
      updateChannel(id, input),
    meta: { inlineErrors: true },
    onSuccess: (channel) => upsertChannelInCache(queryClient, channel),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteChannel(id),
    onSuccess: (_result, id) => removeChannelFromCache(queryClient, id),
  });
}

export function useTestChannel() {
  return useMutation({ mutationFn: (id: string) => testChannel(id) });
}

/** Recent alerts with their delivery attempts; kept current by `alert.updated`, refreshed now and then. */
export function useAlerts(params: AlertListParams, enabled = true) {
  return useQuery({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) => listAlerts(params, signal),
    enabled,
    // New alerts are announced only once delivered; a slow poll brings the pending ones.
    refetchInterval: 30_000,
  });
}
