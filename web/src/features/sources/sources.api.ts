import type { CreateSourceInput, SavedSource, Source, UpdateSourceInput } from '@contracts';
import { http } from '../../api/http';

export const sourceKeys = {
  all: ['sources'] as const,
  list: ['sources', 'list'] as const,
};

export const listSources = (signal?: AbortSignal) =>
  http.get<{ sources: Source[] }>('/api/sources', { signal });

/** Answers with the source and, for an inbound webhook, its generated signing secret (shown once). */
export const createSource = (input: CreateSourceInput) => http.post<SavedSource>('/api/sources', input);

export const updateSource = (id: string, input: UpdateSourceInput) =>
  http.patch<SavedSource>(`/api/sources/${encodeURIComponent(id)}`, input);

export const removeSource = (id: string) => http.delete(`/api/sources/${encodeURIComponent(id)}`);
