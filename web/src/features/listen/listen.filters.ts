// The Listen page's filters: read from and written to the URL query string (so a filtered view can be shared
// and survives a reload), turned into the API's query, and applied to mentions that arrive live. Pure.
import {
  type Mention,
  type Platform,
  platforms as allPlatforms,
  type SentimentLabel,
  sentimentLabels,
} from '@contracts';
import type { MentionListParams } from './listen.api';

export interface MentionFilters {
  brandId?: string;
  /** Empty: every platform. */
  platforms: Platform[];
  sentiment?: SentimentLabel;
  lang?: string;
  minReach?: number;
  /** Full-text search (PostgreSQL web-search syntax). */
  q?: string;
}

export const chartRanges = ['1h', '24h', '7d'] as const;
export type ChartRange = (typeof chartRanges)[number];

const isPlatform = (value: string): value is Platform => (allPlatforms as readonly string[]).includes(value);
const isSentiment = (value: string): value is SentimentLabel =>
  (sentimentLabels as readonly string[]).includes(value);

/** Reads the filters from `?brand=&platform=x,reddit&sentiment=&lang=&minReach=&q=`; unknown values are dropped. */
export function filtersFromSearch(search: URLSearchParams): MentionFilters {
  const filters: MentionFilters = { platforms: [] };
  const brand = search.get('brand')?.trim();
  if (brand) filters.brandId = brand;
  const platforms = (search.get('platform') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(isPlatform);
  filters.platforms = [...new Set(platforms)].sort();
  const sentiment = search.get('sentiment') ?? '';
  if (isSentiment(sentiment)) filters.sentiment = sentiment;
  const lang = search.get('lang')?.trim().toLowerCase();
  if (lang && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(lang)) filters.lang = lang;
  const minReach = Number(search.get('minReach'));
  if (search.get('minReach') && Number.isFinite(minReach) && minReach > 0) filters.minReach = minReach;
  const q = search.get('q')?.trim();
  if (q) filters.q = q.slice(0, 500);
  return filters;
}

/** Writes the filters into `search` (a copy), keeping the parameters that are not filters (e.g. `mention`). */
export function filtersToSearch(filters: MentionFilters, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  const set = (key: string, value: string | undefined) => {
    if (value) next.set(key, value);
    else next.delete(key);
  };
  set('brand', filters.brandId);
  set('platform', filters.platforms.length > 0 ? [...filters.platforms].sort().join(',') : undefined);
  set('sentiment', filters.sentiment);
  set('lang', filters.lang);
  set('minReach', filters.minReach ? String(filters.minReach) : undefined);
  set('q', filters.q);
  return next;
}

export function hasAnyFilter(filters: MentionFilters): boolean {
  return (
    filters.platforms.length > 0 ||
    filters.sentiment !== undefined ||
    filters.lang !== undefined ||
    filters.minReach !== undefined ||
    filters.q !== undefined
  );
}

/**
 * The API query for the filters. The API filters one platform at a time: with several selected, the list asks
 * for every platform and `matchesFilters` keeps the selected ones.
 */
export function toApiQuery(filters: MentionFilters, cursor?: string, limit = 50): MentionListParams {
  return {
    ...(filters.brandId ? { brandId: filters.brandId } : {}),
    ...(filters.platforms.length === 1 ? { platform: filters.platforms[0] } : {}),
    ...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
    ...(filters.lang ? { lang: filters.lang } : {}),
    ...(filters.minReach ? { minReach: filters.minReach } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(cursor ? { cursor } : {}),
    limit,
  };
}

/**
 * Whether a mention belongs in a list with these filters. Full-text search is the database's to decide: with
 * `q` set, a live mention is neither kept nor dropped here (`undefined`); the list asks the server instead.
 */
export function matchesFilters(mention: Mention, filters: MentionFilters): boolean | undefined {
  if (filters.brandId && !mention.brandIds.includes(filters.brandId)) return false;
  if (filters.platforms.length > 0 && !filters.platforms.includes(mention.platform)) return false;
  if (filters.sentiment && mention.sentiment?.label !== filters.sentiment) return false;
  if (filters.lang && mention.lang !== filters.lang) return false;
  if (filters.minReach && mention.reach < filters.minReach) return false;
  if (filters.q) return undefined;
  return true;
}

export function parseChartRange(value: string | null): ChartRange {
  return (chartRanges as readonly string[]).includes(value ?? '') ? (value as ChartRange) : '1h';
}
