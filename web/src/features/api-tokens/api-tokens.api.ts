import type { ApiToken, CreateApiTokenInput, CreatedApiToken } from '@contracts';
import { http } from '../../api/http';

export interface ApiTokenList {
  tokens: ApiToken[];
}

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: () => ['api-tokens', 'list'] as const,
};

export const listApiTokens = (signal?: AbortSignal) => http.get<ApiTokenList>('/api/api-tokens', { signal });

export const createApiToken = (input: CreateApiTokenInput) =>
  http.post<CreatedApiToken>('/api/api-tokens', input);

export const revokeApiToken = (id: string) => http.delete(`/api/api-tokens/${encodeURIComponent(id)}`);
