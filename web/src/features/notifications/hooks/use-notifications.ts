import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listNotifications, markNotificationRead, notificationKeys } from '../notifications.api';
import { replaceNotificationInCache } from '../notifications.cache';

/** The signed-in member's notifications; new ones arrive live (`notification.created`). */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ signal }) => listNotifications(signal),
    staleTime: 60_000,
    meta: { inlineErrors: true },
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => markNotificationRead(id),
    onSuccess: (notification) => replaceNotificationInCache(queryClient, notification),
  });
}
