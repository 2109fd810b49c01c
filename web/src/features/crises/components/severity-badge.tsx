import { type CrisisStatus, type Severity, severityCriteria } from '@contracts';
import { Badge, Tooltip } from '@mantine/core';

const severityColor: Record<Severity, string> = { SEV1: 'red', SEV2: 'orange', SEV3: 'yellow', SEV4: 'gray' };
const statusColor: Record<CrisisStatus, string> = {
  monitoring: 'blue',
  active: 'red',
  contained: 'orange',
  resolved: 'teal',
  reviewed: 'gray',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Tooltip label={severityCriteria[severity].criteria} multiline w={320} withArrow>
      <Badge color={severityColor[severity]} radius="sm" variant="filled">
        {severity} · {severityCriteria[severity].title}
      </Badge>
    </Tooltip>
  );
}

export function StatusBadge({ status }: { status: CrisisStatus }) {
  return (
    <Badge color={statusColor[status]} radius="sm" variant="light">
      {status}
    </Badge>
  );
}
