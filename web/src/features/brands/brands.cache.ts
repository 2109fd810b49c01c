// How a brand we learn about (from our own mutation or a live event) enters every cached brand list.
import type { Brand } from '@contracts';
import type { QueryClient } from '@tanstack/react-query';
import { upsertById } from '../../lib/collections';
import { brandKeys, type BrandList } from './brands.api';

function listIncludesArchived(queryKey: readonly unknown[]): boolean {
  const params = queryKey[2] as { includeArchived?: boolean } | undefined;
  return params?.includeArchived ?? true;
}

export function upsertBrandInCache(queryClient: QueryClient, brand: Brand): void {
  for (const [queryKey, data] of queryClient.getQueriesData<BrandList>({ queryKey: brandKeys.all })) {
    if (!data) continue;
    const includeArchived = listIncludesArchived(queryKey);
    const brands = upsertById(data.brands, brand, (b) => includeArchived || b.archivedAt === null);
    if (brands !== data.brands) queryClient.setQueryData<BrandList>(queryKey, { ...data, brands });
  }
}
