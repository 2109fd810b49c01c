import type { Notification } from '@contracts';
import { http } from '../../api/http';

export interface NotificationList {
  notifications: Notification[];
}

/** How many the bell keeps. */
export const notificationLimit = 30;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
};

export const listNotifications = (signal?: AbortSignal) =>
  http.get<NotificationList>('/api/notifications', { query: { limit: notificationLimit }, signal });

export const markNotificationRead = (id: string) =>
  http.post<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`);
