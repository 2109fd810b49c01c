// Per-platform volume and negative share for the last hour (by minute), day or week (by hour), from the
// rollups; refetched (throttled) as mentions arrive.
import type { Brand, RollupBucket } from '@contracts';
import { Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { QueryError } from '../../../components/query-error';
import { type TimeSeries, TimeSeriesChart } from '../../../components/time-series-chart';
import { platformLabels } from '../../../lib/labels';
import { useRollups } from '../hooks/use-listen';
import type { ChartRange } from '../listen.filters';
import { platformColors } from '../platforms';
import { buildChartData, type PlatformSeries } from '../rollup-chart-data';

const ranges: Record<
  ChartRange,
  {
    label: string;
    bucket: RollupBucket;
    windowMs: number;
    per: string;
    shareWindow: number;
    shareOver: string;
  }
> = {
  '1h': {
    label: 'Last hour',
    bucket: 'minute',
    windowMs: 3_600_000,
    per: 'minute',
    shareWindow: 10,
    shareOver: 'the last 10 minutes',
  },
  '24h': {
    label: 'Last day',
    bucket: 'hour',
    windowMs: 24 * 3_600_000,
    per: 'hour',
    shareWindow: 1,
    shareOver: 'each hour',
  },
  '7d': {
    label: 'Last week',
    bucket: 'hour',
    windowMs: 7 * 24 * 3_600_000,
    per: 'hour',
    shareWindow: 3,
    shareOver: 'the last 3 hours',
  },
};

const seriesLabel = (s: PlatformSeries) => (s.key === 'rest' ? 'Other platforms' : platformLabels[s.key]);
const seriesColor = (s: PlatformSeries) => (s.key === 'rest' ? '#adb5bd' : platformColors[s.key]);

export function ListenCharts({
  brands,
  range,
  onRangeChange,
}: {
  /** The brands whose mentions are counted (one, or every active brand). */
  brands: readonly Brand[];
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
}) {
  const { bucket, windowMs, per, shareWindow, shareOver } = ranges[range];
  const brandIds = useMemo(() => brands.map((b) => b.id), [brands]);
  const rollups = useRollups(brandIds, { bucket, windowMs });
  const data = useMemo(() => {
    const now = rollups.dataUpdatedAt || Date.now();
    return buildChartData(rollups.series, bucket, now - windowMs, now, { shareWindow });
  }, [rollups.series, rollups.dataUpdatedAt, bucket, windowMs, shareWindow]);

  const volumeSeries = useMemo<TimeSeries[]>(
    () => data.series.map((s) => ({ label: seriesLabel(s), values: s.volume, color: seriesColor(s) })),
    [data],
  );
  const negativeSeries = useMemo<TimeSeries[]>(
    () => [
      { label: 'All platforms', values: data.negativeShareAll, color: '#c92a2a' },
      // The three busiest platforms: enough mentions for their share to mean something.
      ...data.series
        .filter((s) => s.key !== 'rest')
        .slice(0, 3)
        .map((s) => ({ label: seriesLabel(s), values: s.negativeShare, color: seriesColor(s) })),
    ],
    [data],
  );
  const points = data.series.reduce((n, s) => n + s.volume.filter((v) => v > 0).length, 0);
  const share = data.total > 0 ? Math.round((data.negative / data.total) * 1000) / 10 : null;

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" gap="sm">
        <Stack gap={0}>
          <Title order={2} fz="h4">
            Volume and sentiment by platform
          </Title>
          <Text size="sm" c="dimmed">
            {data.total.toLocaleString()} mentions
            {share !== null ? `, ${share}% negative` : ''} · {ranges[range].label.toLowerCase()}
          </Text>
        </Stack>
        <SegmentedControl
          size="xs"
          value={range}
          onChange={(value) => onRangeChange(value)}
          data={(Object.keys(ranges) as ChartRange[]).map((r) => ({ value: r, label: ranges[r].label }))}
          aria-label="Chart period"
        />
      </Group>
      {rollups.error && rollups.series.length === 0 ? (
        <QueryError error={rollups.error} what="the charts" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap={4} data-testid="volume-chart" data-points={points} data-total={data.total}>
            <Text size="sm" fw={600}>
              Mentions per {per}
            </Text>
            {rollups.isPending && rollups.series.length === 0 ? (
              <Skeleton h={220} />
            ) : data.series.length === 0 ? (
              <Text size="sm" c="dimmed" py={90} ta="center">
                No mentions in this period.
              </Text>
            ) : (
              <TimeSeriesChart
                timestamps={data.timestamps}
                series={volumeSeries}
                height={220}
                label={`Mentions per ${per} by platform, ${ranges[range].label.toLowerCase()}`}
              />
            )}
          </Stack>
          <Stack gap={4} data-testid="negative-chart">
            <Text size="sm" fw={600}>
              Negative share, % of mentions over {shareOver}
            </Text>
            {rollups.isPending && rollups.series.length === 0 ? (
              <Skeleton h={220} />
            ) : data.series.length === 0 ? (
              <Text size="sm" c="dimmed" py={90} ta="center">
                No mentions in this period.
              </Text>
            ) : (
              <TimeSeriesChart
                timestamps={data.timestamps}
                series={negativeSeries}
                height={220}
                label={`Share of negative mentions per ${per} by platform, ${ranges[range].label.toLowerCase()}`}
              />
            )}
          </Stack>
        </SimpleGrid>
      )}
    </Paper>
  );
}
