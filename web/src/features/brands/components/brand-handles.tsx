import type { BrandHandles, Platform } from '@contracts';
import { Badge, Group, Text } from '@mantine/core';
import { platformLabels } from '../../../lib/labels';

const platformColors: Partial<Record<Platform, string>> = {
  x: 'dark',
  facebook: 'blue',
  instagram: 'pink',
  tiktok: 'grape',
  youtube: 'red',
  reddit: 'orange',
  linkedin: 'indigo',
  bluesky: 'cyan',
  mastodon: 'violet',
};

/** A brand's handles as one badge each: "X @acme". */
export function BrandHandleBadges({ handles }: { handles: BrandHandles }) {
  const entries = (Object.entries(handles) as [Platform, string[] | undefined][]).flatMap(
    ([platform, list]) => (list ?? []).map((handle) => ({ platform, handle })),
  );
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  return (
    <Group gap={6}>
      {entries.map(({ platform, handle }) => (
        <Badge
          key={`${platform}:${handle}`}
          variant="light"
          color={platformColors[platform] ?? 'gray'}
          radius="sm"
          tt="none"
          fw={500}
        >
          {platformLabels[platform]} {handle}
        </Badge>
      ))}
    </Group>
  );
}

/** Keywords as quiet badges; long lists end in "+N more". */
export function KeywordBadges({ keywords, max = 6 }: { keywords: readonly string[]; max?: number }) {
  if (keywords.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  const shown = keywords.slice(0, max);
  return (
    <Group gap={6}>
      {shown.map((keyword) => (
        <Badge key={keyword} variant="outline" color="gray" radius="sm" tt="none" fw={500}>
          {keyword}
        </Badge>
      ))}
      {keywords.length > max && (
        <Text size="xs" c="dimmed" title={keywords.slice(max).join(', ')}>
          +{keywords.length - max} more
        </Text>
      )}
    </Group>
  );
}
