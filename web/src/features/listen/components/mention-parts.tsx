// Small pieces shared by the mention card and the detail view: platform badge, author line, sentiment badge,
// reach and engagement figures.
import type { Mention, Platform } from '@contracts';
import { Badge, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconEye,
  IconHeart,
  IconMessageCircle,
  IconRepeat,
  IconRosetteDiscountCheck,
} from '@tabler/icons-react';
import { platformLabels } from '../../../lib/labels';
import { sentimentColors, sentimentNames, unscoredText } from '../../sentiment/sentiment-view';
import { platformColors, platformIcons } from '../platforms';

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : compact.format(value);
}

export function PlatformIcon({ platform, size = 26 }: { platform: Platform; size?: number }) {
  const Icon = platformIcons[platform];
  return (
    <Tooltip label={platformLabels[platform]} withArrow>
      <ThemeIcon
        size={size}
        radius="xl"
        variant="light"
        color={platformColors[platform]}
        aria-label={platformLabels[platform]}
        role="img"
      >
        <Icon size={Math.round(size * 0.62)} stroke={1.8} aria-hidden />
      </ThemeIcon>
    </Tooltip>
  );
}

export function AuthorLine({ author }: { author: Mention['author'] }) {
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <Text fw={600} size="sm" truncate="end" maw={220}>
        {author.name ?? author.handle}
      </Text>
      {author.verified && (
        <Tooltip label="Verified account" withArrow>
          <IconRosetteDiscountCheck size={16} color="var(--mantine-color-blue-6)" aria-label="Verified" />
        </Tooltip>
      )}
      <Text size="sm" c="dimmed" truncate="end" maw={220}>
        @{author.handle}
      </Text>
      {author.followers !== null && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          · {formatCount(author.followers)} followers
        </Text>
      )}
    </Group>
  );
}

/** The model's sentiment; a mention it left unscored says in which language (it does not guess). */
export function SentimentBadge({
  sentiment,
  language,
}: {
  sentiment: Mention['sentiment'];
  language?: string | null;
}) {
  if (!sentiment) {
    return (
      <Tooltip label="The sentiment model does not read this language, so it did not guess" withArrow>
        <Badge variant="outline" color="gray" radius="sm">
          {unscoredText(language)}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={`Score ${sentiment.score.toFixed(2)} (−1 negative … +1 positive)`} withArrow>
      <Badge variant="light" color={sentimentColors[sentiment.label]} radius="sm">
        {sentimentNames[sentiment.label]} · {Math.round(sentiment.confidence * 100)}%
      </Badge>
    </Tooltip>
  );
}

function Figure({ icon, label, value }: { icon: React.ReactNode; label: string; value: string }) {
  return (
    <Group gap={4} wrap="nowrap" aria-label={`${label}: ${value}`} role="group">
      {icon}
      <Text size="xs" c="dimmed">
        {value}
      </Text>
    </Group>
  );
}

export function EngagementFigures({ mention }: { mention: Mention }) {
  const e = mention.engagement;
  const iconProps = { size: 14, stroke: 1.7, color: 'var(--mantine-color-dimmed)', 'aria-hidden': true };
  return (
    <Group gap="md" wrap="wrap">
      <Text size="xs" fw={600} aria-label={`Reach: ${formatCount(mention.reach)}`}>
        Reach {formatCount(mention.reach)}
      </Text>
      <Figure icon={<IconHeart {...iconProps} />} label="Likes" value={formatCount(e.likes)} />
      <Figure icon={<IconRepeat {...iconProps} />} label="Reposts" value={formatCount(e.reposts)} />
      <Figure icon={<IconMessageCircle {...iconProps} />} label="Replies" value={formatCount(e.replies)} />
      {e.views !== null && (
        <Figure icon={<IconEye {...iconProps} />} label="Views" value={formatCount(e.views)} />
      )}
    </Group>
  );
}
