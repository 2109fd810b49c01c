// How each platform looks in the Listen page: its icon and its colour (the same in badges and charts).
import type { Platform } from '@contracts';
import {
  type Icon,
  IconBrandBluesky,
  IconBrandFacebook,
  IconBrandInstagram,
  IconBrandLinkedin,
  IconBrandMastodon,
  IconBrandReddit,
  IconBrandTiktok,
  IconBrandX,
  IconBrandYoutube,
  IconNews,
  IconWorld,
} from '@tabler/icons-react';

export const platformIcons: Record<Platform, Icon> = {
  x: IconBrandX,
  facebook: IconBrandFacebook,
  instagram: IconBrandInstagram,
  tiktok: IconBrandTiktok,
  youtube: IconBrandYoutube,
  reddit: IconBrandReddit,
  linkedin: IconBrandLinkedin,
  bluesky: IconBrandBluesky,
  mastodon: IconBrandMastodon,
  news: IconNews,
  other: IconWorld,
};

/** Distinct enough side by side in a chart legend. */
export const platformColors: Record<Platform, string> = {
  x: '#212529',
  facebook: '#1c7ed6',
  instagram: '#d6336c',
  tiktok: '#0ca678',
  youtube: '#e03131',
  reddit: '#f76707',
  linkedin: '#3b5bdb',
  bluesky: '#22b8cf',
  mastodon: '#7048e8',
  news: '#868e96',
  other: '#adb5bd',
};
