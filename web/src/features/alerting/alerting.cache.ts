// Folds alerting live events (and our own mutation answers) into the cached channel list and delivery log.
import type { Alert, EventMap, NotificationChannel } from '@contracts';
import type { QueryClient } from '@tanstack/react-query';
import { sortByText, upsertById } from '../../lib/collections';
import {
  alertKeys,
  type AlertList,
  type AlertListParams,
  channelKeys,
  type ChannelList,
} from './alerting.api';
import { compareAlertsNewestFirst } from './delivery';

export function upsertChannelInCache(queryClient: QueryClient, channel: NotificationChannel): void {
  queryClient.setQueryData<ChannelList>(channelKeys.list, (data) =>
    data ? { channels: sortByText(upsertById(data.channels, channel), (c) => c.name) } : data,
  );
}

export function removeChannelFromCache(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<ChannelList>(channelKeys.list, (data) =>
    data ? { channels: data.channels.filter((c) => c.id !== id) } : data,
  );
}

/** Puts an alert into every cached delivery log whose filter it matches, newest first, within the limit. */
export function upsertAlertInCache(queryClient: QueryClient, alert: Alert): void {
  for (const [queryKey, data] of queryClient.getQueriesData<AlertList>({ queryKey: alertKeys.lists })) {
    if (!data) continue;
    const params = queryKey[2] as AlertListParams | undefined;
    const belongs = (a: Alert) => !params?.status || a.status === params.status;
    const alerts = upsertById(data.alerts, alert, belongs);
    if (alerts === data.alerts) continue;
    const sorted = alerts.slice().sort(compareAlertsNewestFirst);
    queryClient.setQueryData<AlertList>(queryKey, {
      alerts: params ? sorted.slice(0, params.limit) : sorted,
    });
  }
}

type Handlers = {
  [N in keyof EventMap as N extends 'alert.updated' | `notification_channel.${string}` ? N : never]: (
    payload: EventMap[N],
    queryClient: QueryClient,
  ) => void;
};

export const alertingLiveEventHandlers: Handlers = {
  'notification_channel.updated': (channel, qc) => upsertChannelInCache(qc, channel),
  'notification_channel.deleted': ({ id }, qc) => removeChannelFromCache(qc, id),
  'alert.updated': (alert, qc) => upsertAlertInCache(qc, alert),
};
