import type { Brand, CreateBrandInput, UpdateBrandInput } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { archiveBrand, brandKeys, createBrand, listBrands, restoreBrand, updateBrand } from '../brands.api';
import { upsertBrandInCache } from '../brands.cache';

export function useBrands(includeArchived: boolean) {
  return useQuery({
    queryKey: brandKeys.list(includeArchived),
    queryFn: ({ signal }) => listBrands(includeArchived, signal),
  });
}

/** Every brand mutation answers with the brand; it goes straight into the cached lists. */
function useBrandMutation<Variables>(
  mutationFn: (variables: Variables) => Promise<Brand>,
  inlineErrors = false,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    meta: { inlineErrors },
    onSuccess: (brand) => upsertBrandInCache(queryClient, brand),
  });
}

/** Create and edit show validation errors in the form, so they opt out of the global notification. */
export const useCreateBrand = () => useBrandMutation((input: CreateBrandInput) => createBrand(input), true);

export const useUpdateBrand = () =>
  useBrandMutation(({ id, input }: { id: string; input: UpdateBrandInput }) => updateBrand(id, input), true);

export const useArchiveBrand = () => useBrandMutation((id: string) => archiveBrand(id));

export const useRestoreBrand = () => useBrandMutation((id: string) => restoreBrand(id));
