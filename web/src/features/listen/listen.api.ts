import type {
  DemoResult,
  ListMentionsQuery,
  MentionDetail,
  MentionPage,
  RollupBucket,
  RollupSeries,
} from '@contracts';
import { http } from '../../api/http';
import type { MentionFilters } from './listen.filters';

export const mentionKeys = {
  all: ['mentions'] as const,
  lists: ['mentions', 'list'] as const,
  list: (filters: MentionFilters) => ['mentions', 'list', filters] as const,
  detail: (id: string) => ['mentions', 'detail', id] as const,
};

export interface RollupParams {
  brandId: string;
  bucket: RollupBucket;
  /** Window length in ms, ending now. */
  windowMs: number;
}

export const rollupKeys = {
  all: ['rollups'] as const,
  series: (params: RollupParams) => ['rollups', params] as const,
};

/** What the Listen page sends (the contract's input, with numbers as numbers). */
export type MentionListParams = Omit<ListMentionsQuery, 'minReach' | 'limit'> & {
  minReach?: number;
  limit?: number;
};

export const listMentions = (query: MentionListParams, signal?: AbortSignal) =>
  http.get<MentionPage>('/api/mentions', { query: { ...query }, signal });

export const getMention = (id: string, signal?: AbortSignal) =>
  http.get<MentionDetail>(`/api/mentions/${encodeURIComponent(id)}`, { signal });

export const getRollups = (params: RollupParams, now: number, signal?: AbortSignal) =>
  http.get<RollupSeries>('/api/rollups', {
    query: {
      brandId: params.brandId,
      bucket: params.bucket,
      since: new Date(now - params.windowMs).toISOString(),
      until: new Date(now).toISOString(),
    },
    signal,
  });

export const startDemo = () => http.post<DemoResult>('/api/demo');
