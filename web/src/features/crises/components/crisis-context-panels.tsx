import { type CrisisRoom, crisisRoleLabels } from '@contracts';
import { Accordion, Anchor, Badge, Code, Group, List, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getMention, mentionKeys } from '../../listen/listen.api';
import { Section } from './section';

const shownEvidence = 10;

/** The signal the crisis was declared from and its evidence mentions (the first ten, with a link to each). */
export function EvidencePanel({ room }: { room: CrisisRoom }) {
  const { signalId, evidenceMentionIds } = room.crisis;
  const ids = evidenceMentionIds.slice(0, shownEvidence);
  const mentions = useQueries({
    queries: ids.map((id) => ({
      queryKey: mentionKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => getMention(id, signal),
      staleTime: Infinity,
    })),
  });
  if (!signalId && evidenceMentionIds.length === 0) return null;
  return (
    <Section title="Evidence">
      <Stack gap={6}>
        <Text size="sm">
          {signalId ? (
            <>
              Declared from signal{' '}
              <Anchor component={Link} to={`/signals/${signalId}`} inherit>
                <Code>{signalId.slice(0, 8)}</Code>
              </Anchor>{' '}
              with{' '}
            </>
          ) : (
            'Declared with '
          )}
          {evidenceMentionIds.length} evidence {evidenceMentionIds.length === 1 ? 'mention' : 'mentions'}.
        </Text>
        {mentions.map((q, i) =>
          q.data ? (
            <div key={ids[i]} data-testid="crisis-evidence">
              <Group gap={6}>
                <Badge size="xs" variant="light">
                  {q.data.platform}
                </Badge>
                <Text size="xs" fw={600}>
                  @{q.data.author.handle}
                </Text>
                {q.data.sentiment && (
                  <Badge
                    size="xs"
                    variant="outline"
                    color={q.data.sentiment.label === 'negative' ? 'red' : 'gray'}
                  >
                    {q.data.sentiment.label}
                  </Badge>
                )}
              </Group>
              <Text size="sm" lineClamp={3}>
                {q.data.url ? (
                  <Anchor href={q.data.url} target="_blank" rel="noreferrer" inherit>
                    {q.data.text}
                  </Anchor>
                ) : (
                  q.data.text
                )}
              </Text>
            </div>
          ) : (
            <Text key={ids[i]} size="xs" c="dimmed">
              {q.isError ? 'This mention is no longer stored.' : 'Loading…'}
            </Text>
          ),
        )}
        {evidenceMentionIds.length > shownEvidence && (
          <Text size="xs" c="dimmed">
            and {evidenceMentionIds.length - shownEvidence} more.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

/**
 * The playbook version this crisis was declared with: the roles it needs, its holding-statement templates and
 * checklists. Later edits of the playbook do not change it.
 */
export function PlaybookPanel({ room }: { room: CrisisRoom }) {
  const playbook = room.playbook;
  if (!playbook) return null;
  const seated = new Set(room.roles.filter((r) => r.handedOverAt === null).map((r) => r.role));
  const open = playbook.content.roles.filter((r) => !seated.has(r));
  return (
    <Section title="Playbook">
      <Stack gap="xs">
        <Text size="sm">
          {playbook.name} · version {playbook.version}
        </Text>
        {open.length > 0 && (
          <Text size="xs" c="orange">
            Roles it needs that nobody holds: {open.map((r) => crisisRoleLabels[r]).join(', ')}
          </Text>
        )}
        <Accordion variant="contained" multiple>
          {playbook.content.holdingStatements.map((h, i) => (
            <Accordion.Item key={`h${i}`} value={`h${i}`}>
              <Accordion.Control>
                <Text size="sm">Template: {h.title}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="holding-statement">
                  {h.body}
                </Text>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
          {playbook.content.checklists.map((c, i) => (
            <Accordion.Item key={`c${i}`} value={`c${i}`}>
              <Accordion.Control>
                <Text size="sm">Checklist: {c.title}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                <List size="sm" spacing={4}>
                  {c.items.map((item) => (
                    <List.Item key={item}>{item}</List.Item>
                  ))}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Stack>
    </Section>
  );
}
