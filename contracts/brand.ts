import { z } from 'zod';

export const platforms = [
  'x',
  'facebook',
  'instagram',
  'tiktok',
  'youtube',
  'reddit',
  'linkedin',
  'bluesky',
  'mastodon',
  'news',
  'other',
] as const;
export const Platform = z.enum(platforms);
export type Platform = z.infer<typeof Platform>;

const Handle = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s]+$/, 'a handle has no spaces');

/** Handles per platform, e.g. `{ x: ['@acme'], instagram: ['acme.official'] }`. */
export const BrandHandles = z.partialRecord(Platform, z.array(Handle).max(20));
export type BrandHandles = z.infer<typeof BrandHandles>;

export const BrandQueryText = z.string().trim().min(1).max(10_000);

export const Keywords = z.array(z.string().trim().min(1).max(200)).max(100);

export const Brand = z.object({
  id: z.uuid(),
  name: z.string(),
  handles: BrandHandles,
  keywords: z.array(z.string()),
  /** The brand's listening query as written, or null when it listens with `effectiveQuery` derived from keywords and handles. */
  query: z.string().nullable(),
  /** The query the brand actually listens with (docs/listening.md). */
  effectiveQuery: z.string(),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Brand = z.infer<typeof Brand>;

export const CreateBrandInput = z.object({
  name: z.string().trim().min(1, 'a brand needs a name').max(120),
  handles: BrandHandles.default({}),
  keywords: Keywords.default([]),
  /** A brand query (docs/listening.md); omitted or null: derived from keywords and handles. */
  query: BrandQueryText.nullable().default(null),
});
export type CreateBrandInput = z.input<typeof CreateBrandInput>;

export const UpdateBrandInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    handles: BrandHandles,
    keywords: Keywords,
    query: BrandQueryText.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateBrandInput = z.infer<typeof UpdateBrandInput>;

export const ListBrandsQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
