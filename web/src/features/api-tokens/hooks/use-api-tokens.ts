import type { CreateApiTokenInput } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiTokenKeys, createApiToken, listApiTokens, revokeApiToken } from '../api-tokens.api';

export function useApiTokens(enabled = true) {
  return useQuery({
    queryKey: apiTokenKeys.list(),
    queryFn: ({ signal }) => listApiTokens(signal),
    enabled,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => createApiToken(input),
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeApiToken(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
