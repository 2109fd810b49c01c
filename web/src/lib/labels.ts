// Display names for the enums in contracts/. One place, so every page says the same word.
import type { Department, Platform, WorkspaceRole } from '@contracts';

export const departmentLabels: Record<Department, string> = {
  marketing: 'Marketing',
  pr: 'PR',
  customer_service: 'Customer service',
  legal: 'Legal',
  executive: 'Executive',
};

export const roleLabels: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export const platformLabels: Record<Platform, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  reddit: 'Reddit',
  linkedin: 'LinkedIn',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  news: 'News',
  other: 'Other',
};

export const memberStatusLabels = {
  invited: 'Invited',
  active: 'Active',
  disabled: 'Disabled',
} as const;

/** `[{ value, label }]` for a Select, in the order of the record's keys. */
export function options<K extends string>(labels: Record<K, string>, keys?: readonly K[]) {
  return (keys ?? (Object.keys(labels) as K[])).map((value) => ({ value, label: labels[value] }));
}
