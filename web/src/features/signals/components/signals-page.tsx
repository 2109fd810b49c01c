// The Signals page: detections worth a human's attention, live. Filters (status view, brand, minimum severity,
// kind) live in the URL; a signal opens its view.
import { signalKinds, signalSeverities, type Signal } from '@contracts';
import {
  Anchor,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconRadar } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyRows } from '../../../components/empty-state';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { sortByText } from '../../../lib/collections';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { departmentLabels } from '../../../lib/labels';
import { useCan } from '../../auth/hooks/use-session';
import { useBrands } from '../../brands/hooks/use-brands';
import { useFeedbackReport, useSignals } from '../hooks/use-signals';
import { formatScore, severityLabels, signalKindLabels } from '../signal-text';
import {
  filtersFromSearch,
  filtersToSearch,
  type SignalFilters,
  statusViewLabels,
  statusViews,
  toApiQuery,
} from '../signals.filters';
import { PlatformIcons, SignalSeverityBadge, SignalStatusBadge } from './signal-badges';

export default function SignalsPage() {
  useDocumentTitle('Signals · Firebreak');
  const canRead = useCan('signal.read');
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  const query = useMemo(() => toApiQuery(filters), [filters]);
  const signals = useSignals(query, canRead);
  const brandsQuery = useBrands(false);
  const brands = useMemo(() => sortByText(brandsQuery.data?.brands ?? [], (b) => b.name), [brandsQuery.data]);
  const setFilters = useCallback(
    (next: SignalFilters) => setSearchParams((current) => filtersToSearch(next, current), { replace: true }),
    [setSearchParams],
  );

  if (!canRead) return <NoAccess what="signals" />;
  const rows = signals.data?.signals ?? [];

  return (
    <>
      <PageHeader
        title="Signals"
        description="Spikes, emerging narratives and high-reach posts worth a human's attention, as they are detected. Each is routed to the people on call; acknowledge one to stop its escalation."
        actions={<FeedbackSummary />}
      />
      <Stack gap="md">
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label="Status"
            value={filters.view}
            onChange={(view) => setFilters({ ...filters, view: view })}
            data={statusViews.map((v) => ({ value: v, label: statusViewLabels[v] }))}
          />
          <Select
            aria-label="Brand"
            data={[
              { value: 'all', label: 'All brands' },
              ...brands.map((b) => ({ value: b.id, label: b.name })),
            ]}
            value={filters.brandId ?? 'all'}
            onChange={(value) => {
              const { brandId: _b, ...rest } = filters;
              setFilters(value && value !== 'all' ? { ...rest, brandId: value } : rest);
            }}
            allowDeselect={false}
            w={200}
          />
          <Select
            aria-label="Minimum severity"
            data={[
              { value: 'any', label: 'Any severity' },
              ...signalSeverities.map((s) => ({ value: s, label: `${severityLabels[s]} and above` })),
            ]}
            value={filters.severity ?? 'any'}
            onChange={(value) => {
              const { severity: _s, ...rest } = filters;
              const severity = signalSeverities.find((s) => s === value);
              setFilters(severity ? { ...rest, severity } : rest);
            }}
            allowDeselect={false}
            w={190}
          />
          <Select
            aria-label="Kind"
            data={[
              { value: 'any', label: 'Every kind' },
              ...signalKinds.map((k) => ({ value: k, label: signalKindLabels[k] })),
            ]}
            value={filters.kind ?? 'any'}
            onChange={(value) => {
              const { kind: _k, ...rest } = filters;
              const kind = signalKinds.find((k) => k === value);
              setFilters(kind ? { ...rest, kind } : rest);
            }}
            allowDeselect={false}
            w={190}
          />
        </Group>

        {signals.isError && !signals.data ? (
          <QueryError error={signals.error} what="signals" onRetry={() => void signals.refetch()} />
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={860}>
              <Table aria-label="Signals" highlightOnHover data-testid="signal-list" data-count={rows.length}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={100}>Severity</Table.Th>
                    <Table.Th>Signal</Table.Th>
                    <Table.Th w={120}>Platforms</Table.Th>
                    <Table.Th w={70}>Score</Table.Th>
                    <Table.Th w={140}>Status</Table.Th>
                    <Table.Th w={150}>Started</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {signals.isPending &&
                    [0, 1, 2].map((i) => (
                      <Table.Tr key={i}>
                        <Table.Td colSpan={6}>
                          <Skeleton h={20} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  {rows.map((s) => (
                    <SignalRow key={s.id} signal={s} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {signals.isSuccess && rows.length === 0 && (
              <EmptyRows icon={<IconRadar size={22} />} title="No signals here">
                {filters.view === 'active'
                  ? 'Nothing needs attention. Signals open here, live, when a brand’s mentions leave their usual pattern.'
                  : 'No signal matches these filters.'}
              </EmptyRows>
            )}
          </Paper>
        )}
      </Stack>
    </>
  );
}

function SignalRow({ signal }: { signal: Signal }) {
  return (
    <Table.Tr data-testid="signal-row" data-status={signal.status} data-signal-id={signal.id}>
      <Table.Td>
        <SignalSeverityBadge severity={signal.severity} />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/signals/${signal.id}`} fw={600} size="sm">
          {signal.title}
        </Anchor>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {signal.brandName} · {signalKindLabels[signal.kind]}
          {signal.detectionCount > 1 ? ` · ${signal.detectionCount} detections` : ''}
          {signal.routedDepartments.length > 0
            ? ` · routed to ${signal.routedDepartments.map((d) => departmentLabels[d]).join(', ')}`
            : ''}
        </Text>
        <Text size="xs" lineClamp={1}>
          {signal.explanation.summary}
        </Text>
      </Table.Td>
      <Table.Td>
        <PlatformIcons platforms={signal.platforms} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {formatScore(signal.score)}
        </Text>
      </Table.Td>
      <Table.Td>
        <SignalStatusBadge status={signal.status} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={formatDateTime(signal.startedAt, true)} withArrow>
          <Text size="sm">{formatRelative(signal.startedAt)}</Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

/** How often signals were judged real: the feedback members gave, as precision. */
function FeedbackSummary() {
  const report = useFeedbackReport();
  if (!report.data || report.data.total.withFeedback === 0) return null;
  const { total, since } = report.data;
  return (
    <Tooltip
      label={`${total.real} marked real, ${total.noise} marked noise, of ${total.signals} signals since ${formatDateTime(since)}`}
      withArrow
      multiline
      w={280}
    >
      <Text size="sm" c="dimmed" data-testid="signal-precision">
        Judged real: {total.precision === null ? '—' : `${Math.round(total.precision * 100)}%`} of{' '}
        {total.withFeedback} reviewed
      </Text>
    </Tooltip>
  );
}
