// How a source we learn about (our own mutation or a live event) enters the cached source list.
import type { EventMap, Source } from '@contracts';
import type { QueryClient } from '@tanstack/react-query';
import { upsertById } from '../../lib/collections';
import { sourceKeys } from './sources.api';

type SourceList = { sources: Source[] };

export function upsertSourceInCache(queryClient: QueryClient, source: Source): void {
  queryClient.setQueryData<SourceList>(sourceKeys.list, (data) =>
    data ? { sources: upsertById(data.sources, source) } : data,
  );
}

export function removeSourceFromCache(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<SourceList>(sourceKeys.list, (data) =>
    data ? { sources: data.sources.filter((s) => s.id !== id) } : data,
  );
}

export const sourceLiveEventHandlers: {
  [N in 'source.updated' | 'source.deleted']: (payload: EventMap[N], queryClient: QueryClient) => void;
} = {
  'source.updated': (source, queryClient) => upsertSourceInCache(queryClient, source),
  'source.deleted': ({ id }, queryClient) => removeSourceFromCache(queryClient, id),
};
