// The brand form edits handles as rows (platform + handle); the API wants them grouped per platform.
import type { BrandHandles, Platform } from '@contracts';

export interface HandleRow {
  key: number;
  platform: Platform;
  handle: string;
}

let nextKey = 1;
export function newHandleRow(platform: Platform = 'x', handle = ''): HandleRow {
  return { key: nextKey++, platform, handle };
}

export function rowsFromHandles(handles: BrandHandles): HandleRow[] {
  const rows: HandleRow[] = [];
  for (const [platform, list] of Object.entries(handles) as [Platform, string[] | undefined][]) {
    for (const handle of list ?? []) rows.push(newHandleRow(platform, handle));
  }
  return rows;
}

/**
 * Groups rows per platform, trimmed, skipping empty handles and repeats. `rowKeys` maps each handle's
 * position back to its row (`rowKeys.x[0]` is the row of `handles.x[0]`), to put server errors on the row.
 */
export function handlesFromRows(rows: readonly HandleRow[]): {
  handles: BrandHandles;
  rowKeys: Partial<Record<Platform, number[]>>;
} {
  const handles: BrandHandles = {};
  const rowKeys: Partial<Record<Platform, number[]>> = {};
  for (const row of rows) {
    const handle = row.handle.trim();
    if (!handle) continue;
    const list = (handles[row.platform] ??= []);
    if (list.includes(handle)) continue;
    list.push(handle);
    (rowKeys[row.platform] ??= []).push(row.key);
  }
  return { handles, rowKeys };
}
