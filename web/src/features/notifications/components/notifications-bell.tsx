// The header's bell: the signed-in member's in-app notifications (live), unread ones counted and marked;
// opening one marks it read and goes to its signal.
import type { Notification } from '@contracts';
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatRelative } from '../../../lib/format';
import { useMarkNotificationRead, useNotifications } from '../hooks/use-notifications';
import { badgeLabel, notificationTarget, unreadCount } from '../notification-list';

const severityColors = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' } as const;

export function NotificationsBell() {
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const markRead = useMarkNotificationRead();
  const navigate = useNavigate();
  const items = list.data?.notifications ?? [];
  const unread = unreadCount(items);

  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    setOpened(false);
    const target = notificationTarget(n, window.location.origin);
    if ('path' in target) void navigate(target.path);
    else window.open(target.href, '_blank', 'noopener');
  };
  const markAll = () => {
    for (const n of items) if (n.readAt === null) markRead.mutate(n.id);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withArrow>
      <Popover.Target>
        <Indicator
          label={badgeLabel(unread)}
          size={16}
          color="red"
          disabled={unread === 0}
          offset={4}
          data-testid="notifications-unread"
          data-count={unread}
        >
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={18} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Box role="dialog" aria-label="Notifications">
          <Group justify="space-between" px="md" py="xs">
            <Text fw={600} size="sm">
              Notifications
            </Text>
            {unread > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={markAll}>
                Mark all read
              </Button>
            )}
          </Group>
          <Divider />
          <ScrollArea.Autosize mah={420} type="auto">
            {list.isError && !list.data ? (
              <Text size="sm" c="red" p="md">
                Could not load notifications.{' '}
                <Anchor component="button" size="sm" onClick={() => void list.refetch()}>
                  Try again
                </Anchor>
              </Text>
            ) : items.length === 0 ? (
              <Text size="sm" c="dimmed" p="md" ta="center">
                {list.isPending ? 'Loading…' : 'Nothing yet. Signals routed to you appear here as they open.'}
              </Text>
            ) : (
              <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {items.map((n) => (
                  <Box
                    component="li"
                    key={n.id}
                    data-testid="notification-item"
                    data-read={n.readAt !== null}
                    {...(n.readAt === null ? { bg: 'blue.0' } : {})}
                    style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start" px="md" py="xs">
                      <UnstyledButton onClick={() => open(n)} style={{ flex: 1, minWidth: 0 }}>
                        <Group gap={6} wrap="nowrap">
                          <Badge size="xs" color={severityColors[n.message.severity]} variant="filled">
                            {n.message.severity}
                          </Badge>
                          <Text size="sm" fw={n.readAt === null ? 700 : 500} lineClamp={1}>
                            {n.message.title}
                          </Text>
                        </Group>
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {n.message.summary}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatRelative(n.createdAt)}
                          {n.acknowledgedAt ? ' · acknowledged' : ''}
                        </Text>
                      </UnstyledButton>
                      {n.readAt === null && (
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          color="gray"
                          aria-label={`Mark “${n.message.title}” read`}
                          onClick={() => markRead.mutate(n.id)}
                        >
                          <IconCheck size={14} />
                        </ActionIcon>
                      )}
                    </Group>
                  </Box>
                ))}
              </Stack>
            )}
          </ScrollArea.Autosize>
        </Box>
      </Popover.Dropdown>
    </Popover>
  );
}
