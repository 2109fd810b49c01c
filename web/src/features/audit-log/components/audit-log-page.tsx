import {
  Autocomplete,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { IconFilterOff, IconHistory } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyRows } from '../../../components/empty-state';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { sortByText } from '../../../lib/collections';
import { localInputToIso } from '../../../lib/format';
import { useCan } from '../../auth/hooks/use-session';
import { useMembers } from '../../members/hooks/use-members';
import type { AuditFilters } from '../audit-log.api';
import { useAuditLog } from '../hooks/use-audit-log';
import { AuditEntryRow } from './audit-entry-row';

/** Values seen in the loaded entries, offered as suggestions (the filter still takes any text). */
function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export default function AuditLogPage() {
  useDocumentTitle('Audit log · Firebreak');
  const canRead = useCan('audit.read');
  const canReadMembers = useCan('member.read');
  const [action, setAction] = useState('');
  const [targetType, setTargetType] = useState('');
  const [actorId, setActorId] = useState<string | null>(null);
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const [debouncedTargetType] = useDebouncedValue(targetType.trim(), 300);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const filters: AuditFilters = useMemo(
    () => ({
      action: debouncedAction || undefined,
      targetType: debouncedTargetType || undefined,
      actorId: actorId ?? undefined,
      since: localInputToIso(since),
      until: localInputToIso(until),
    }),
    [debouncedAction, debouncedTargetType, actorId, since, until],
  );
  const log = useAuditLog(filters, canRead);
  const members = useMembers(canRead && canReadMembers);

  const entries = useMemo(() => log.data?.pages.flatMap((page) => page.entries) ?? [], [log.data]);
  const actionSuggestions = useMemo(() => distinct(entries.map((e) => e.action)), [entries]);
  const targetSuggestions = useMemo(() => distinct(entries.map((e) => e.targetType)), [entries]);
  const actorOptions = useMemo(
    () =>
      sortByText(members.data?.members ?? [], (m) => m.name).map((m) => ({
        value: m.id,
        label: `${m.name} (${m.email})`,
      })),
    [members.data],
  );

  if (!canRead) return <NoAccess what="the audit log" />;

  const hasFilters = Boolean(action || targetType || actorId || since || until);
  const clearFilters = () => {
    setAction('');
    setTargetType('');
    setActorId(null);
    setSince('');
    setUntil('');
  };
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="The append-only security record of every change made in this workspace, by members, API tokens and the system. Newest first."
      />

      <Paper withBorder radius="md" p="md" mb="md">
        <form role="search" aria-label="Filter the audit log" onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: canReadMembers ? 5 : 4 }} spacing="sm">
            <Autocomplete
              label="Action"
              placeholder="brand.created"
              data={actionSuggestions}
              value={action}
              onChange={setAction}
            />
            <Autocomplete
              label="Target type"
              placeholder="brand"
              data={targetSuggestions}
              value={targetType}
              onChange={setTargetType}
            />
            {canReadMembers && (
              <Select
                label="Actor"
                placeholder="Anyone"
                data={actorOptions}
                value={actorId}
                onChange={setActorId}
                searchable
                clearable
                nothingFoundMessage="No member matches"
              />
            )}
            <TextInput
              label="Since"
              type="datetime-local"
              value={since}
              onChange={(event) => setSince(event.currentTarget.value)}
            />
            <TextInput
              label="Until"
              type="datetime-local"
              value={until}
              onChange={(event) => setUntil(event.currentTarget.value)}
            />
          </SimpleGrid>
          {hasFilters && (
            <Group justify="flex-end" mt="sm">
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconFilterOff size={14} />}
                onClick={clearFilters}
              >
                Clear filters
              </Button>
            </Group>
          )}
        </form>
      </Paper>

      {log.isError && !log.data ? (
        <QueryError error={log.error} what="the audit log" onRetry={() => void log.refetch()} />
      ) : (
        <Paper withBorder radius="md" style={{ opacity: log.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Audit log" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={44}>
                    <VisuallyHidden>Details</VisuallyHidden>
                  </Table.Th>
                  <Table.Th w={200}>Time</Table.Th>
                  <Table.Th>Actor</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Target</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.isPending &&
                  [0, 1, 2, 3].map((i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={5}>
                        <Skeleton h={20} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                {entries.map((entry) => (
                  <AuditEntryRow
                    key={entry.id}
                    entry={entry}
                    expanded={expanded.has(entry.id)}
                    onToggle={() => toggle(entry.id)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {log.isSuccess && entries.length === 0 && (
            <EmptyRows
              icon={<IconHistory size={22} />}
              title={hasFilters ? 'No matching entries' : 'No entries yet'}
            >
              {hasFilters
                ? 'Nothing in the audit log matches these filters. Widen the time range or clear the filters.'
                : 'Every change made in this workspace will be recorded here.'}
            </EmptyRows>
          )}
          {entries.length > 0 && (
            <Group
              justify="space-between"
              px="md"
              py="sm"
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
            >
              <Text size="sm" c="dimmed">
                {entries.length} {entries.length === 1 ? 'entry' : 'entries'} shown
              </Text>
              {log.hasNextPage ? (
                <Button
                  variant="default"
                  size="sm"
                  loading={log.isFetchingNextPage}
                  onClick={() => void log.fetchNextPage()}
                >
                  Load more
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  End of the log
                </Text>
              )}
            </Group>
          )}
        </Paper>
      )}
    </>
  );
}
