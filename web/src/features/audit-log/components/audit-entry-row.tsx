import type { AuditEntry } from '@contracts';
import { ActionIcon, Badge, Code, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { formatDateTime } from '../../../lib/format';

const actorKindLabels = { member: 'Member', api_token: 'API token', system: 'System' } as const;

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" ff={value ? 'monospace' : 'text'} style={{ wordBreak: 'break-all' }}>
        {value ?? '—'}
      </Text>
    </div>
  );
}

/** One entry, plus its details (summary JSON, request id, IP) when expanded. */
export function AuditEntryRow({
  entry,
  expanded,
  onToggle,
}: {
  entry: AuditEntry;
  expanded: boolean;
  onToggle: () => void;
}) {
  const detailsId = `audit-entry-${entry.id}`;
  return (
    <>
      <Table.Tr onClick={onToggle} style={{ cursor: 'pointer' }} aria-expanded={expanded}>
        <Table.Td w={44}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={expanded ? 'Hide details' : 'Show details'}
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            onClick={(event) => {
              event.stopPropagation();
              onToggle();
            }}
          >
            {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td title={entry.createdAt}>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.createdAt, true)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{entry.actor.label}</Text>
            {entry.actor.kind !== 'member' && (
              <Badge size="xs" variant="light" color="gray" radius="sm">
                {actorKindLabels[entry.actor.kind]}
              </Badge>
            )}
          </Group>
        </Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">
            {entry.targetType}
            {entry.targetId && (
              <Text span c="dimmed" ff="monospace" size="xs" ml={6} title={entry.targetId}>
                {entry.targetId.slice(0, 8)}
              </Text>
            )}
          </Text>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={detailsId} bg="gray.0">
          <Table.Td />
          <Table.Td colSpan={4}>
            <Stack gap="sm" py={4}>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
                <Detail label="Request id" value={entry.requestId} />
                <Detail label="IP address" value={entry.ip} />
                <Detail label="Target id" value={entry.targetId} />
                <Detail
                  label="Actor"
                  value={`${actorKindLabels[entry.actor.kind]} ${entry.actor.id ?? ''}`.trim()}
                />
              </SimpleGrid>
              <div>
                <Text size="xs" c="dimmed" fw={500} mb={4}>
                  Summary
                </Text>
                <Code block aria-label="Summary" style={{ maxHeight: 320, overflow: 'auto' }}>
                  {JSON.stringify(entry.summary, null, 2)}
                </Code>
              </div>
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
