// Settings → Notification channels: where alerts go (Slack, Teams, email, signed webhooks), a test send for
// each, and the delivery log of recent alerts with every attempt.
import type { ChannelTestResult, NotificationChannel } from '@contracts';
import { Badge, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBellRinging, IconPencil, IconPlus, IconSend, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal, useConfirm } from '../../../components/confirm-modal';
import { EmptyRows } from '../../../components/empty-state';
import { ActionsHeader, ListTable, RowAction } from '../../../components/list-table';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { useCan } from '../../auth/hooks/use-session';
import { channelDestination, channelKindLabels } from '../channel-form';
import { useChannels, useDeleteChannel, useTestChannel, useUpdateChannel } from '../hooks/use-alerting';
import { ChannelFormModal } from './channel-form-modal';
import { DeliveryLog } from './delivery-log';

interface ModalState {
  opened: boolean;
  channel: NotificationChannel | null;
  nonce: number;
}

function testLine(result: ChannelTestResult): string {
  if (result.ok) return `Delivered${result.status !== null ? ` (${result.status})` : ''}`;
  return `${result.outcome === 'retryable' ? 'Failed, temporary' : 'Failed'}${
    result.status !== null ? ` (${result.status})` : ''
  }${result.error ? `: ${result.error}` : ''}`;
}

export default function NotificationChannelsPage() {
  useDocumentTitle('Notification channels · Firebreak');
  const canRead = useCan('notification_channel.read');
  const canManage = useCan('notification_channel.manage');
  const channels = useChannels(canRead);
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const test = useTestChannel();
  const [modal, setModal] = useState<ModalState>({ opened: false, channel: null, nonce: 0 });
  const confirm = useConfirm<NotificationChannel>();
  const [results, setResults] = useState<Record<string, ChannelTestResult>>({});

  if (!canRead) return <NoAccess what="notification channels" />;
  const rows = channels.data?.channels ?? [];

  const runTest = (channel: NotificationChannel) =>
    test.mutate(channel.id, {
      onSuccess: (result) => {
        setResults((r) => ({ ...r, [channel.id]: result }));
        notifications.show({
          color: result.ok ? 'teal' : 'red',
          title: result.ok ? `Test sent to ${channel.name}` : `Test to ${channel.name} failed`,
          message: testLine(result),
        });
      },
    });

  return (
    <>
      <PageHeader
        title="Notification channels"
        description="Where alerts about signals go besides each member's in-app notifications: Slack, Microsoft Teams, email and signed webhooks. Routing rules decide which signals reach which channel."
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setModal((m) => ({ opened: true, channel: null, nonce: m.nonce + 1 }))}
            >
              New channel
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <ListTable
          label="Notification channels"
          what="notification channels"
          query={channels}
          columns={6}
          minWidth={760}
          head={
            <>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Destination</Table.Th>
              <Table.Th>Secrets</Table.Th>
              <Table.Th w={100}>Enabled</Table.Th>
              <ActionsHeader width={140} />
            </>
          }
          isEmpty={rows.length === 0}
          empty={
            <EmptyRows icon={<IconBellRinging size={22} />} title="No notification channels">
              {canManage
                ? 'Add a Slack or Teams channel, an email list or a webhook, then send a test to check it arrives.'
                : 'No channel has been set up yet; alerts reach members in the app only.'}
            </EmptyRows>
          }
        >
          {rows.map((channel) => {
            const result = results[channel.id];
            return (
              <Table.Tr key={channel.id} data-testid="channel-row">
                <Table.Td>
                  <Text fw={600} size="sm">
                    {channel.name}
                  </Text>
                  {result && (
                    <Text
                      size="xs"
                      c={result.ok ? 'teal' : 'red'}
                      data-testid="channel-test-result"
                      role="status"
                    >
                      Test: {testLine(result)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" radius="sm">
                    {channelKindLabels[channel.kind]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{channelDestination(channel)}</Text>
                  {channel.settings.quietHours !== undefined && (
                    <Text size="xs" c="dimmed">
                      Quiet hours {String((channel.settings.quietHours as { start: string }).start)}–
                      {String((channel.settings.quietHours as { end: string }).end)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {channel.secretKeys.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        none
                      </Text>
                    ) : (
                      channel.secretKeys.map((k) => (
                        <Badge key={k} variant="outline" color="gray" size="sm" radius="sm" tt="none">
                          {k} set
                        </Badge>
                      ))
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`${channel.name} enabled`}
                    checked={channel.enabled}
                    disabled={!canManage || (update.isPending && update.variables.id === channel.id)}
                    onChange={(e) =>
                      update.mutate({
                        id: channel.id,
                        input: { enabled: e.currentTarget.checked },
                      })
                    }
                  />
                </Table.Td>
                <Table.Td aria-label="Actions">
                  {canManage && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <RowAction
                        tooltip="Send a test message"
                        label={`Send a test to ${channel.name}`}
                        icon={<IconSend size={17} />}
                        loading={test.isPending && test.variables === channel.id}
                        onClick={() => runTest(channel)}
                      />
                      <RowAction
                        tooltip="Edit"
                        label={`Edit ${channel.name}`}
                        icon={<IconPencil size={17} />}
                        onClick={() => setModal((m) => ({ opened: true, channel, nonce: m.nonce + 1 }))}
                      />
                      <RowAction
                        tooltip="Remove"
                        label={`Remove ${channel.name}`}
                        icon={<IconTrash size={17} />}
                        onClick={() => confirm.ask(channel)}
                      />
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
        <DeliveryLog channels={rows} />
      </Stack>

      <ChannelFormModal
        opened={modal.opened}
        onClose={() => setModal((m) => ({ ...m, opened: false }))}
        channel={modal.channel}
        formKey={modal.nonce}
      />
      <ConfirmModal
        opened={confirm.opened}
        onClose={confirm.close}
        title={`Remove ${confirm.item?.name ?? 'channel'}?`}
        confirmLabel="Remove"
        onConfirm={() => confirm.item && remove.mutate(confirm.item.id, { onSuccess: confirm.close })}
        pending={remove.isPending}
      >
        Routing rules that name this channel stop sending to it. Its stored secrets are deleted; alerts
        already sent stay in the delivery log.
      </ConfirmModal>
    </>
  );
}
