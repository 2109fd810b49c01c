import type { Platform, SignalSeverity, SignalStatus } from '@contracts';
import { Badge, Group, Tooltip } from '@mantine/core';
import { platformLabels } from '../../../lib/labels';
import { platformColors, platformIcons } from '../../listen/platforms';
import { severityColors, severityLabels, signalStatusColors, signalStatusLabels } from '../signal-text';

export function SignalSeverityBadge({ severity }: { severity: SignalSeverity }) {
  return (
    <Badge color={severityColors[severity]} variant="filled" radius="sm" data-severity={severity}>
      {severityLabels[severity]}
    </Badge>
  );
}

export function SignalStatusBadge({ status }: { status: SignalStatus }) {
  return (
    <Badge color={signalStatusColors[status]} variant="light" radius="sm" data-testid="signal-status">
      {signalStatusLabels[status]}
    </Badge>
  );
}

export function PlatformIcons({ platforms }: { platforms: readonly Platform[] }) {
  return (
    <Group gap={4} wrap="nowrap">
      {platforms.map((p) => {
        const Icon = platformIcons[p];
        return (
          <Tooltip key={p} label={platformLabels[p]} withArrow>
            <span aria-label={platformLabels[p]} role="img" style={{ display: 'inline-flex' }}>
              <Icon size={16} color={platformColors[p]} aria-hidden />
            </span>
          </Tooltip>
        );
      })}
    </Group>
  );
}
