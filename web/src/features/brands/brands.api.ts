import type { Brand, CreateBrandInput, UpdateBrandInput } from '@contracts';
import { http } from '../../api/http';

export interface BrandList {
  brands: Brand[];
}

export const brandKeys = {
  all: ['brands'] as const,
  list: (includeArchived: boolean) => ['brands', 'list', { includeArchived }] as const,
};

export const listBrands = (includeArchived: boolean, signal?: AbortSignal) =>
  http.get<BrandList>('/api/brands', { query: { includeArchived }, signal });

export const createBrand = (input: CreateBrandInput) => http.post<Brand>('/api/brands', input);

export const updateBrand = (id: string, input: UpdateBrandInput) =>
  http.patch<Brand>(`/api/brands/${encodeURIComponent(id)}`, input);

export const archiveBrand = (id: string) => http.post<Brand>(`/api/brands/${encodeURIComponent(id)}/archive`);

export const restoreBrand = (id: string) => http.post<Brand>(`/api/brands/${encodeURIComponent(id)}/restore`);
