// `notification.created` is announced to the whole workspace with its recipient; only that member's bell
// takes it, and a toast says what arrived.
import type { EventMap, Notification, SessionInfo } from '@contracts';
import { notifications as toasts } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { sessionKey } from '../auth/auth.api';
import { addNotification, replaceNotification } from './notification-list';
import { notificationKeys, notificationLimit, type NotificationList } from './notifications.api';

const severityColors = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' } as const;

export function putNotificationInCache(queryClient: QueryClient, notification: Notification): void {
  queryClient.setQueryData<NotificationList>(notificationKeys.list, (data) =>
    data ? { notifications: addNotification(data.notifications, notification, notificationLimit) } : data,
  );
}

export function replaceNotificationInCache(queryClient: QueryClient, notification: Notification): void {
  queryClient.setQueryData<NotificationList>(notificationKeys.list, (data) =>
    data ? { notifications: replaceNotification(data.notifications, notification) } : data,
  );
}

export function onNotificationCreated(
  { memberId, notification }: EventMap['notification.created'],
  queryClient: QueryClient,
): void {
  const session = queryClient.getQueryData<SessionInfo | null>(sessionKey);
  if (!session || session.member.id !== memberId) return;
  const known = queryClient
    .getQueryData<NotificationList>(notificationKeys.list)
    ?.notifications.some((n) => n.id === notification.id);
  putNotificationInCache(queryClient, notification);
  if (known) return;
  toasts.show({
    id: `notification-${notification.id}`,
    color: severityColors[notification.message.severity],
    title: notification.message.title,
    message: notification.message.summary,
    autoClose: notification.message.severity === 'critical' ? false : 10_000,
  });
}

export const notificationLiveEventHandlers = {
  'notification.created': onNotificationCreated,
} satisfies { [N in 'notification.created']: (payload: EventMap[N], qc: QueryClient) => void };
