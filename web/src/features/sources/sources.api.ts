import type { CreateSourceInput, Source, UpdateSourceInput } from '@contracts';
import { http } from '../../api/http';

export const sourceKeys = {
  all: ['sources'] as const,
  list: ['sources', 'list'] as const,
};

export const listSources = (signal?: AbortSignal) =>
  http.get<{ sources: Source[] }>('/api/sources', { signal });

export const createSource = (input: CreateSourceInput) => http.post<Source>('/api/sources', input);

export const updateSource = (id: string, input: UpdateSourceInput) =>
  http.patch<Source>(`/api/sources/${encodeURIComponent(id)}`, input);

export const removeSource = (id: string) => http.delete(`/api/sources/${encodeURIComponent(id)}`);
