// The Listen page: which brand, per-platform charts, the live mention stream with its filters, and a
// mention's detail. Filters, the chart period and the open mention live in the URL.
import { Button, Select, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconGauge, IconPlugConnected } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { sortByText } from '../../../lib/collections';
import { useCan } from '../../auth/hooks/use-session';
import { useBrands } from '../../brands/hooks/use-brands';
import { useMentionStream } from '../hooks/use-listen';
import {
  type ChartRange,
  filtersFromSearch,
  filtersToSearch,
  hasAnyFilter,
  type MentionFilters,
  parseChartRange,
} from '../listen.filters';
import { ListenCharts } from './listen-charts';
import { MentionDetailDrawer } from './mention-detail-drawer';
import { MentionFiltersBar } from './mention-filters';
import { MentionStream } from './mention-stream';
import { StartDemo } from './start-demo';

export default function ListenPage() {
  useDocumentTitle('Listen · Firebreak');
  const canRead = useCan('mention.read');
  const canReadSources = useCan('source.read');
  const canReadSentiment = useCan('sentiment.read');
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  const range = parseChartRange(searchParams.get('range'));
  const openId = searchParams.get('mention');
  const [demoStarted, setDemoStarted] = useState(false);

  const brandsQuery = useBrands(false);
  const brands = useMemo(() => sortByText(brandsQuery.data?.brands ?? [], (b) => b.name), [brandsQuery.data]);
  const stream = useMentionStream(filters);

  const setFilters = useCallback(
    (next: MentionFilters) => setSearchParams((current) => filtersToSearch(next, current), { replace: true }),
    [setSearchParams],
  );
  const setParam = useCallback(
    (key: string, value: string | null, replace = true) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace },
      ),
    [setSearchParams],
  );
  const openMention = useCallback((id: string) => setParam('mention', id, false), [setParam]);

  if (!canRead) return <NoAccess what="mentions" />;

  const noBrands = brandsQuery.isSuccess && brands.length === 0;
  const noMentions =
    !filters.brandId && !hasAnyFilter(filters) && stream.isSuccess && stream.mentions.length === 0;
  const showEmpty = !demoStarted && (noBrands || noMentions);
  const chartBrands = filters.brandId ? brands.filter((b) => b.id === filters.brandId) : brands;

  return (
    <>
      <PageHeader
        title="Listen"
        description="Every mention of your brands from the social platforms, live: where volume is rising, how people feel, and who is being heard."
        actions={
          <>
            <Select
              aria-label="Brand"
              data={[
                { value: 'all', label: 'All brands' },
                ...brands.map((b) => ({ value: b.id, label: b.name })),
              ]}
              value={filters.brandId ?? 'all'}
              onChange={(value) => {
                const { brandId: _previous, ...rest } = filters;
                setFilters(value && value !== 'all' ? { ...rest, brandId: value } : rest);
              }}
              allowDeselect={false}
              w={240}
            />
            {canReadSentiment && (
              <Button
                component={Link}
                to={filters.brandId ? `/listen/sentiment?brand=${filters.brandId}` : '/listen/sentiment'}
                variant="default"
                leftSection={<IconGauge size={16} />}
              >
                Sentiment accuracy
              </Button>
            )}
            {canReadSources && (
              <Button
                component={Link}
                to="/settings/sources"
                variant="default"
                leftSection={<IconPlugConnected size={16} />}
              >
                Sources
              </Button>
            )}
          </>
        }
      />

      {showEmpty ? (
        <StartDemo noBrands={noBrands} onStarted={() => setDemoStarted(true)} />
      ) : (
        <Stack gap="lg">
          <ListenCharts
            brands={chartBrands}
            range={range}
            onRangeChange={(r: ChartRange) => setParam('range', r === '1h' ? null : r)}
          />
          <MentionFiltersBar filters={filters} onChange={setFilters} />
          <MentionStream filters={filters} onOpen={openMention} />
        </Stack>
      )}

      <MentionDetailDrawer
        id={openId}
        brands={brandsQuery.data?.brands ?? []}
        onClose={() => setParam('mention', null)}
      />
    </>
  );
}
