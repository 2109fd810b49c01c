// The signal chart: the baseline's expected band (shaded), the baseline itself (dashed), the observed series,
// and the onset marked with a vertical line. Drawn by the shared uPlot chart.
import { type SignalSeries, signalMetricLabels } from '@contracts';
import { Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import {
  type ChartBand,
  type ChartMarker,
  type TimeSeries,
  TimeSeriesChart,
} from '../../../components/time-series-chart';
import { platformLabels } from '../../../lib/labels';
import { buildSignalChart } from '../signal-chart-data';

const bandColor = '#74c0fc';

export function SignalChart({ series, onsetAt }: { series: SignalSeries; onsetAt: string }) {
  const data = useMemo(() => buildSignalChart(series, onsetAt), [series, onsetAt]);
  const unit = series.metric === 'negative_share' ? ' (%)' : '';
  const chartSeries = useMemo<TimeSeries[]>(
    () => [
      { label: 'Band: upper', values: data.upper, color: bandColor, width: 1 },
      { label: 'Band: lower', values: data.lower, color: bandColor, width: 1 },
      { label: 'Baseline', values: data.expected, color: '#1971c2', dash: [6, 4] },
      { label: 'Observed', values: data.observed, color: '#c92a2a' },
    ],
    [data],
  );
  const bands = useMemo<ChartBand[]>(() => [{ upper: 0, lower: 1, fill: `${bandColor}44` }], []);
  const markers = useMemo<ChartMarker[]>(
    () => (data.onset !== null ? [{ at: data.onset, label: 'Onset', color: '#e8590c' }] : []),
    [data.onset],
  );
  const where = series.platform ? platformLabels[series.platform] : 'all platforms';
  return (
    <Stack
      gap={4}
      data-testid="signal-chart"
      data-points={data.timestamps.length}
      data-onset={data.onset ?? ''}
    >
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {signalMetricLabels[series.metric]}
          {unit}, {where}
        </Text>
        <Text size="xs" c="dimmed">
          Shaded: the expected band · dashed: baseline · red: observed
        </Text>
      </Group>
      {data.timestamps.length === 0 ? (
        <Text size="sm" c="dimmed" py={80} ta="center">
          No data for this period.
        </Text>
      ) : (
        <TimeSeriesChart
          timestamps={data.timestamps}
          series={chartSeries}
          bands={bands}
          markers={markers}
          height={260}
          label={`${signalMetricLabels[series.metric]} on ${where}: observed against the baseline and its band, onset marked`}
        />
      )}
    </Stack>
  );
}
