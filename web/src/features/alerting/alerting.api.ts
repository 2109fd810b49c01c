import type {
  Alert,
  AlertStatus,
  ChannelTestResult,
  CreateNotificationChannelInput,
  NotificationChannel,
  UpdateNotificationChannelInput,
} from '@contracts';
import { http } from '../../api/http';

export interface ChannelList {
  channels: NotificationChannel[];
}
export interface AlertList {
  alerts: Alert[];
}

export const channelKeys = {
  all: ['notification-channels'] as const,
  list: ['notification-channels', 'list'] as const,
};

export interface AlertListParams {
  status?: AlertStatus;
  limit: number;
}

export const alertKeys = {
  all: ['alerts'] as const,
  lists: ['alerts', 'list'] as const,
  list: (params: AlertListParams) => ['alerts', 'list', params] as const,
};

const channelPath = (id: string) => `/api/notification-channels/${encodeURIComponent(id)}`;

export const listChannels = (signal?: AbortSignal) =>
  http.get<ChannelList>('/api/notification-channels', { signal });
export const createChannel = (input: CreateNotificationChannelInput) =>
  http.post<NotificationChannel>('/api/notification-channels', input);
export const updateChannel = (id: string, input: UpdateNotificationChannelInput) =>
  http.patch<NotificationChannel>(channelPath(id), input);
export const deleteChannel = (id: string) => http.delete(channelPath(id));
export const testChannel = (id: string) => http.post<ChannelTestResult>(`${channelPath(id)}/test`);

export const listAlerts = (params: AlertListParams, signal?: AbortSignal) =>
  http.get<AlertList>('/api/alerts', { query: { ...params }, signal });
