// Recent alerts and every delivery attempt: what went where, whether it arrived, and what the other side
// answered. Live: `alert.updated` moves rows as attempts are recorded.
import type { Alert, NotificationChannel } from '@contracts';
import {
  ActionIcon,
  Badge,
  Collapse,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconSend } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { EmptyRows } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { attemptLine, deliveryState, mediumLabels } from '../delivery';
import { useAlerts } from '../hooks/use-alerting';

type Filter = 'all' | 'failed' | 'pending';

export function DeliveryLog({ channels }: { channels: readonly NotificationChannel[] }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<string | null>(null);
  const alerts = useAlerts(filter === 'all' ? { limit: 50 } : { status: filter, limit: 50 });
  const nameOf = (alert: Alert) =>
    alert.channelId
      ? (channels.find((c) => c.id === alert.channelId)?.name ?? 'Removed channel')
      : 'In-app notification';
  const rows = alerts.data?.alerts ?? [];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Delivery log">
      <Group justify="space-between" mb="sm">
        <Stack gap={0}>
          <Title order={2} fz="h4">
            Delivery log
          </Title>
          <Text size="sm" c="dimmed">
            The latest alerts and each attempt to deliver them. Failed attempts are retried with backoff.
          </Text>
        </Stack>
        <SegmentedControl
          size="xs"
          aria-label="Delivery status"
          value={filter}
          onChange={(v) => setFilter(v)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'pending', label: 'Pending' },
            { value: 'failed', label: 'Failed' },
          ]}
        />
      </Group>
      {alerts.isError && !alerts.data ? (
        <QueryError error={alerts.error} what="the delivery log" onRetry={() => void alerts.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Recent alerts" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} />
                <Table.Th>Alert</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th w={190}>Delivery</Table.Th>
                <Table.Th w={160}>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alerts.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Skeleton h={20} />
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((alert) => {
                const state = deliveryState(alert);
                const expanded = open === alert.id;
                return (
                  <Fragment key={alert.id}>
                    <Table.Tr data-testid="alert-row" data-medium={alert.medium} data-status={alert.status}>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-expanded={expanded}
                          aria-label={`Delivery attempts of ${alert.message.title} to ${nameOf(alert)}`}
                          onClick={() => setOpen(expanded ? null : alert.id)}
                        >
                          {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                        </ActionIcon>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600} lineClamp={1}>
                          {alert.message.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {alert.message.severity} · {alert.subjectType}
                          {alert.acknowledgedAt ? ' · acknowledged' : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Badge variant="outline" color="gray" radius="sm" size="sm">
                            {mediumLabels[alert.medium]}
                          </Badge>
                          <Text size="sm" lineClamp={1}>
                            {nameOf(alert)}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={state.detail} disabled={!state.detail} multiline w={320} withArrow>
                          <Badge variant="light" color={state.color} radius="sm">
                            {state.label}
                          </Badge>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={formatDateTime(alert.createdAt, true)} withArrow>
                          <Text size="sm">{formatRelative(alert.createdAt)}</Text>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td colSpan={5} p={0} style={{ borderBottom: expanded ? undefined : 'none' }}>
                        <Collapse expanded={expanded}>
                          <Stack gap={2} px="md" py="xs" data-testid="alert-attempts">
                            {alert.attempts.length === 0 ? (
                              <Text size="sm" c="dimmed">
                                No attempt yet
                                {alert.notBefore ? ` (not before ${formatDateTime(alert.notBefore)})` : ''}.
                              </Text>
                            ) : (
                              alert.attempts.map((a) => (
                                <Text key={a.attempt} size="sm" ff="monospace">
                                  {formatDateTime(a.at, true)} {attemptLine(a)}
                                </Text>
                              ))
                            )}
                          </Stack>
                        </Collapse>
                      </Table.Td>
                    </Table.Tr>
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {alerts.isSuccess && rows.length === 0 && (
        <EmptyRows icon={<IconSend size={22} />} title="No alerts yet">
          Alerts appear here when a signal is routed to a channel or a person.
        </EmptyRows>
      )}
    </Paper>
  );
}
