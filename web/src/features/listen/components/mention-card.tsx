import type { Mention } from '@contracts';
import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { AuthorLine, EngagementFigures, PlatformIcon, SentimentBadge } from './mention-parts';

/** One mention in the stream; a click opens its detail. */
export const MentionCard = memo(function MentionCard({
  mention,
  fresh,
  onOpen,
}: {
  mention: Mention;
  /** Arrived live since the page opened: marked until the reader has seen it. */
  fresh: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <Paper
      component="article"
      withBorder
      radius="md"
      p="sm"
      data-testid="mention-item"
      data-fresh={fresh || undefined}
      style={fresh ? { borderLeft: '3px solid var(--mantine-color-blue-5)' } : undefined}
    >
      <UnstyledButton
        w="100%"
        onClick={() => onOpen(mention.id)}
        aria-label={`Mention by ${mention.author.name ?? mention.author.handle}: open details`}
      >
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <PlatformIcon platform={mention.platform} />
              <AuthorLine author={mention.author} />
            </Group>
            <Text
              size="xs"
              c="dimmed"
              title={formatDateTime(mention.createdAt, true)}
              style={{ whiteSpace: 'nowrap' }}
            >
              {formatRelative(mention.createdAt)}
            </Text>
          </Group>
          <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {mention.text || <i>(no text)</i>}
          </Text>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <SentimentBadge sentiment={mention.sentiment} language={mention.lang} />
            <EngagementFigures mention={mention} />
          </Group>
        </Stack>
      </UnstyledButton>
    </Paper>
  );
});
