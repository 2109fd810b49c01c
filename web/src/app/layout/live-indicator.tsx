import { Badge, Tooltip } from '@mantine/core';
import { useLiveStatus, type LiveStatus } from '../../api/live-events';

const look: Record<LiveStatus, { color: string; label: string; hint: string }> = {
  live: { color: 'teal', label: 'Live', hint: 'Changes made by others appear here as they happen.' },
  connecting: { color: 'gray', label: 'Connecting', hint: 'Connecting to live updates…' },
  reconnecting: {
    color: 'orange',
    label: 'Reconnecting',
    hint: 'Live updates are interrupted; reconnecting. Pages refresh when the connection is back.',
  },
  offline: { color: 'gray', label: 'Offline', hint: 'Live updates are off.' },
};

/** Whether live updates are flowing, so nobody trusts a stale page during a crisis. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const { color, label, hint } = look[status];
  return (
    <Tooltip label={hint} withArrow multiline w={240}>
      <Badge variant="dot" color={color} size="lg" radius="sm" tt="none" fw={500}>
        {label}
      </Badge>
    </Tooltip>
  );
}
