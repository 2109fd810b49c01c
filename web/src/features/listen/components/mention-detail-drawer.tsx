// The detail of one mention: full text, link to the original, author, engagement, sentiment (explained, and
// relabelled by the team), matched brands, reply/thread references and the raw platform payload it came from.
import type { Brand } from '@contracts';
import {
  Accordion,
  Anchor,
  Badge,
  Code,
  Divider,
  Drawer,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { QueryError } from '../../../components/query-error';
import { formatDateTime } from '../../../lib/format';
import { platformLabels } from '../../../lib/labels';
import { useMention } from '../hooks/use-listen';
import { AuthorLine, EngagementFigures, formatCount, PlatformIcon } from './mention-parts';
import { MentionSentimentPanel } from './mention-sentiment-panel';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

export function MentionDetailDrawer({
  id,
  brands,
  onClose,
}: {
  id: string | null;
  brands: readonly Brand[];
  onClose: () => void;
}) {
  const mention = useMention(id);
  const m = mention.data;
  const brandName = (brandId: string) => brands.find((b) => b.id === brandId)?.name ?? 'Unknown brand';

  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="lg" title="Mention">
      {mention.isError && !m ? (
        <QueryError error={mention.error} what="the mention" onRetry={() => void mention.refetch()} />
      ) : !m ? (
        <Stack>
          <Skeleton h={24} />
          <Skeleton h={90} />
          <Skeleton h={60} />
        </Stack>
      ) : (
        <Stack gap="md" data-testid="mention-detail">
          <Group gap="sm" wrap="nowrap">
            <PlatformIcon platform={m.platform} size={32} />
            <Stack gap={0} miw={0}>
              <AuthorLine author={m.author} />
              <Text size="xs" c="dimmed">
                {platformLabels[m.platform]} · {formatDateTime(m.createdAt, true)}
              </Text>
            </Stack>
          </Group>
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {m.text || <i>(no text)</i>}
          </Text>
          {m.url ? (
            <Anchor href={m.url} target="_blank" rel="noopener noreferrer" size="sm">
              <Group gap={4} component="span">
                Open the original on {platformLabels[m.platform]} <IconExternalLink size={14} />
              </Group>
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              The source gave no link to the original.
            </Text>
          )}
          <Divider />
          <MentionSentimentPanel mention={m} brands={brands} />
          <Divider />
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <Field label="Reach">{formatCount(m.reach)} people (estimated)</Field>
            <Field label="Engagement">
              <EngagementFigures mention={m} />
            </Field>
            <Field label="Author">
              @{m.author.handle}
              {m.author.followers !== null ? `, ${m.author.followers.toLocaleString()} followers` : ''}
              {m.author.verified ? ', verified' : ''}
            </Field>
            <Field label="Matched brands">
              <Group gap={4}>
                {m.brandIds.map((b) => (
                  <Badge key={b} variant="light" radius="sm">
                    {brandName(b)}
                  </Badge>
                ))}
              </Group>
            </Field>
            <Field label="Language">{m.lang ?? 'unknown'}</Field>
            <Field label="Reply to">{m.replyTo ?? '—'}</Field>
            <Field label="Thread">{m.threadId ?? '—'}</Field>
            <Field label="Brand's own post">{m.isOwn ? 'Yes' : 'No'}</Field>
            <Field label="External id">{m.externalId}</Field>
            <Field label="Received">{formatDateTime(m.receivedAt, true)}</Field>
          </SimpleGrid>
          <Accordion variant="contained">
            <Accordion.Item value="raw">
              <Accordion.Control>Raw platform payload (evidence)</Accordion.Control>
              <Accordion.Panel>
                {m.raw === undefined || m.raw === null ? (
                  <Text size="sm" c="dimmed">
                    The source kept no raw payload for this mention.
                  </Text>
                ) : (
                  <Code block style={{ maxHeight: 420, overflow: 'auto' }}>
                    {JSON.stringify(m.raw, null, 2)}
                  </Code>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Stack>
      )}
    </Drawer>
  );
}
