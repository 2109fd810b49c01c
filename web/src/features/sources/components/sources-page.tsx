import type { Source } from '@contracts';
import { Anchor, Badge, Button, Code, Group, Modal, Popover, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal, useConfirm } from '../../../components/confirm-modal';
import { EmptyRows } from '../../../components/empty-state';
import { ActionsHeader, ListTable } from '../../../components/list-table';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { SecretReveal } from '../../../components/secret-reveal';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useCan } from '../../auth/hooks/use-session';
import { useRemoveSource, useSources, useUpdateSource } from '../hooks/use-sources';
import { formatLag, sourceKindLabels, sourceStatusLabels, webhookUrl } from '../source-kinds';
import { ConnectSourceModal } from './connect-source-modal';

const numbers = new Intl.NumberFormat('en');

function RecentErrors({ source }: { source: Source }) {
  const errors = source.recentErrors;
  if (errors.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  const latest = errors[0]!;
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" c="red" lineClamp={2} title={latest.message}>
        {latest.message}
      </Text>
      <Popover width={460} position="bottom-start" withArrow shadow="md">
        <Popover.Target>
          <Anchor component="button" type="button" size="xs">
            {errors.length === 1 ? '1 recent error' : `${errors.length} recent errors`}
          </Anchor>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs" aria-label={`Recent errors of ${source.name}`}>
            {errors.map((e, i) => (
              <Stack key={i} gap={0}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.at, true)}
                </Text>
                <Text size="sm">{e.message}</Text>
              </Stack>
            ))}
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Stack>
  );
}

export default function SourcesPage() {
  useDocumentTitle('Sources · Firebreak');
  const canRead = useCan('source.read');
  const canManage = useCan('source.manage');
  const sources = useSources();
  const update = useUpdateSource();
  const remove = useRemoveSource();
  const now = useNow(5_000);
  const [connect, setConnect] = useState({ opened: false, nonce: 0 });
  const confirm = useConfirm<Source>();
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  if (!canRead) return <NoAccess what="sources" />;
  const rows = sources.data?.sources ?? [];
  const columns = canManage ? 7 : 6;

  const togglePause = (source: Source) =>
    update.mutate(
      { id: source.id, input: { status: source.status === 'paused' ? 'active' : 'paused' } },
      {
        onSuccess: (s) =>
          notifications.show({
            color: 'gray',
            title: s.status === 'paused' ? `“${s.name}” paused` : `“${s.name}” resumed`,
            message:
              s.status === 'paused'
                ? 'It brings no mentions in until you resume it.'
                : 'It picks up where it stopped.',
          }),
      },
    );
  const newSecret = (source: Source) =>
    update.mutate(
      { id: source.id, input: { credentials: {} } },
      {
        onSuccess: (s) => s.signingSecret && setSecret({ name: s.name, value: s.signingSecret }),
      },
    );
  const confirmRemove = () => {
    const source = confirm.item;
    if (!source) return;
    remove.mutate(source.id, {
      onSuccess: () => {
        confirm.close();
        notifications.show({
          color: 'gray',
          title: `“${source.name}” removed`,
          message: 'Its mentions stay.',
        });
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Sources"
        description="Where mentions come from: platform streams, polled searches, webhooks and the simulator. Each shows whether it is healthy, how far behind it runs and what went wrong lately."
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setConnect((s) => ({ opened: true, nonce: s.nonce + 1 }))}
            >
              Connect a source
            </Button>
          )
        }
      />

      <ListTable
        label="Sources"
        what="sources"
        query={sources}
        columns={columns}
        minWidth={1120}
        verticalSpacing="sm"
        head={
          <>
            <Table.Th style={{ minWidth: 260 }}>Source</Table.Th>
            <Table.Th w={120}>Status</Table.Th>
            <Table.Th w={130}>Last event</Table.Th>
            <Table.Th w={90} title="How old the newest mention of the last batch was when it was stored">
              Lag
            </Table.Th>
            <Table.Th w={190}>Mentions</Table.Th>
            <Table.Th w={260}>Recent errors</Table.Th>
            {canManage && <ActionsHeader width={200} />}
          </>
        }
        isEmpty={rows.length === 0}
        empty={
          <EmptyRows icon={<IconPlugConnected size={22} />} title="No sources yet">
            Connect a platform stream, a search or a webhook to start listening, or start a demo from the
            Listen page. Files are imported with <Code>firebreak import</Code>.
          </EmptyRows>
        }
      >
        {rows.map((source) => {
          const status = sourceStatusLabels[source.status];
          const url = webhookUrl(window.location.origin, source.kind, source.id);
          return (
            <Table.Tr key={source.id} data-testid="source-row" data-source-id={source.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Text fw={600}>{source.name}</Text>
                  <Text size="xs" c="dimmed">
                    {sourceKindLabels[source.kind]}
                  </Text>
                  {url && (
                    <Code fz={11} style={{ wordBreak: 'break-all' }}>
                      {url}
                    </Code>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={status.color} radius="sm" data-testid="source-status">
                  {status.label}
                </Badge>
              </Table.Td>
              <Table.Td title={formatDateTime(source.lastEventAt, true)} data-testid="source-last-event">
                {formatRelative(source.lastEventAt, now)}
              </Table.Td>
              <Table.Td data-testid="source-lag" style={{ whiteSpace: 'nowrap' }}>
                {formatLag(source.lagMs)}
              </Table.Td>
              <Table.Td data-testid="source-counters">
                <Text size="sm">{numbers.format(source.counters.accepted)} stored</Text>
                <Text size="xs" c="dimmed">
                  {numbers.format(source.counters.received)} received ·{' '}
                  {numbers.format(source.counters.duplicates)} duplicates ·{' '}
                  {numbers.format(source.counters.skipped)} skipped
                </Text>
              </Table.Td>
              <Table.Td data-testid="source-errors">
                <RecentErrors source={source} />
              </Table.Td>
              {canManage && (
                <Table.Td aria-label="Actions">
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-label={`${source.status === 'paused' ? 'Resume' : 'Pause'} ${source.name}`}
                      onClick={() => togglePause(source)}
                    >
                      {source.status === 'paused' ? 'Resume' : 'Pause'}
                    </Button>
                    {source.kind === 'inbound_webhook' && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={`New signing secret for ${source.name}`}
                        onClick={() => newSecret(source)}
                      >
                        New secret
                      </Button>
                    )}
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${source.name}`}
                      onClick={() => confirm.ask(source)}
                    >
                      Remove
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </ListTable>

      <ConnectSourceModal
        opened={connect.opened}
        onClose={() => setConnect((s) => ({ ...s, opened: false }))}
        formKey={connect.nonce}
      />

      <ConfirmModal
        opened={confirm.opened}
        onClose={confirm.close}
        title="Remove source"
        confirmLabel="Remove source"
        onConfirm={confirmRemove}
        pending={remove.isPending}
      >
        “{confirm.item?.name}” stops bringing mentions in and is removed. The mentions it already brought
        stay.
      </ConfirmModal>

      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={<Text fw={600}>New signing secret</Text>}
        size="lg"
      >
        {secret && (
          <Stack gap="md">
            <Text size="sm">
              “{secret.name}” now accepts only deliveries signed with this secret; the previous one stopped
              working.
            </Text>
            <SecretReveal
              label="Signing secret"
              value={secret.value}
              hint="Copy it into the sending tool now. Firebreak stores it encrypted and will not show it again."
            />
            <Group justify="flex-end">
              <Button onClick={() => setSecret(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
