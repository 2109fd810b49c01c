// Listen → Sentiment accuracy: for one brand, how often the sentiment model agrees with the team's relabels (the
// confusion matrix, accuracy, macro-recall), and the brand's retrained model: retrain it here on the relabels and
// compare it with the general model. Kept current by live events when another member relabels or retrains.
import type { BrandSentimentModelInfo, SentimentReport } from '@contracts';
import { Alert, Button, Card, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconRefresh, IconTag } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../../api/error-notification';
import { EmptyRows } from '../../../components/empty-state';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { sortByText } from '../../../lib/collections';
import { formatDateTime } from '../../../lib/format';
import { useCan } from '../../auth/hooks/use-session';
import { useBrands } from '../../brands/hooks/use-brands';
import { useRetrainSentimentModel, useSentimentReport } from '../hooks/use-sentiment';
import { compareFigures, percent } from '../sentiment-view';
import { ConfusionMatrix } from './confusion-matrix';

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint: string;
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

function BrandModel({
  brandName,
  report,
  model,
}: {
  brandName: string;
  report: SentimentReport;
  model: BrandSentimentModelInfo | null;
}) {
  if (!model) {
    return (
      <Text size="sm" c="dimmed" data-testid="brand-model-none">
        No brand model yet: the general model scores {brandName}’s mentions. Relabel at least{' '}
        {report.retrainMinimum} of them ({report.model.count} scored relabels so far), then retrain: the brand
        model is fitted on your team’s labels and decides {brandName}’s new mentions.
      </Text>
    );
  }
  const rows = compareFigures(model.before, model.after);
  return (
    <Stack gap="sm" data-testid="brand-model">
      <Text size="sm">
        <b>In use</b> for {brandName}’s new mentions since {formatDateTime(model.trainedAt)}: trained on{' '}
        {model.trainedOn} relabels by {model.trainedBy}, over the {model.baseModel} model.
      </Text>
      <Table withTableBorder layout="fixed" data-testid="brand-model-figures">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">General model</Table.Th>
            <Table.Th ta="right">Brand model</Table.Th>
            <Table.Th ta="right">Change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-figure={r.key} data-before={r.before} data-after={r.after}>
              <Table.Th scope="row">{r.label}</Table.Th>
              <Table.Td ta="right">{percent(r.before)}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {percent(r.after)}
              </Table.Td>
              <Table.Td ta="right" c={r.better === null ? 'dimmed' : r.better ? 'teal.7' : 'red.7'} fw={600}>
                {r.change}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {model.heldOut
          ? `Measured on ${model.evaluatedOn} relabels held out of the fit (30%), then refitted on all ${model.trainedOn}.`
          : `Measured on the ${model.evaluatedOn} relabels it was fitted on (a held-out part needs 30 or more), so these figures are optimistic.`}
      </Text>
      <ConfusionMatrix
        confusion={model.after.confusion}
        caption={`The brand model on the ${model.heldOut ? 'held-out' : 'same'} ${model.evaluatedOn} relabels: team’s labels (rows) against the brand model’s (columns).`}
        testId="brand-model-matrix"
      />
    </Stack>
  );
}

export default function SentimentAccuracyPage() {
  useDocumentTitle('Sentiment accuracy · Firebreak');
  const canRead = useCan('sentiment.read');
  const canRetrain = useCan('sentiment.retrain');
  const [searchParams, setSearchParams] = useSearchParams();
  const brandsQuery = useBrands(false);
  const brands = useMemo(() => sortByText(brandsQuery.data?.brands ?? [], (b) => b.name), [brandsQuery.data]);
  const requested = searchParams.get('brand');
  const brandId = brands.some((b) => b.id === requested) ? requested : (brands[0]?.id ?? null);
  const brand = brands.find((b) => b.id === brandId);
  const report = useSentimentReport(brandId);
  const retrain = useRetrainSentimentModel();
  const { reset } = retrain;

  // A refusal or a success is about the brand it was asked for.
  useEffect(() => reset(), [brandId, reset]);

  if (!canRead) return <NoAccess what="sentiment accuracy" />;

  const r = report.data;
  const retrainedHere = retrain.isSuccess && retrain.variables === brandId;

  return (
    <>
      <PageHeader
        title="Sentiment accuracy"
        description="How often the sentiment model agrees with your team, per brand. Relabel mentions in Listen; once there are enough, retrain the brand’s model on them."
        actions={
          <>
            <Button component={Link} to="/listen" variant="subtle" leftSection={<IconArrowLeft size={16} />}>
              Listen
            </Button>
            <Select
              aria-label="Brand"
              data={brands.map((b) => ({ value: b.id, label: b.name }))}
              value={brandId}
              onChange={(value) =>
                value && setSearchParams((current) => ({ ...Object.fromEntries(current), brand: value }))
              }
              allowDeselect={false}
              placeholder="Brand"
              w={220}
            />
            {canRetrain && (
              <Button
                leftSection={<IconRefresh size={16} />}
                onClick={() => brandId && retrain.mutate(brandId)}
                loading={retrain.isPending}
                disabled={!brandId}
              >
                Retrain brand model
              </Button>
            )}
          </>
        }
      />

      {brandsQuery.isSuccess && brands.length === 0 ? (
        <EmptyRows icon={<IconTag size={22} />} title="No brands yet">
          Add a brand in Settings → Brands; its mentions and their relabels are measured here.
        </EmptyRows>
      ) : report.isError && !r ? (
        <QueryError error={report.error} what="the sentiment report" onRetry={() => void report.refetch()} />
      ) : (
        <Stack gap="lg">
          {retrain.isError && (
            <Alert
              color="orange"
              icon={<IconAlertTriangle size={18} />}
              title="The brand model was not retrained"
              role="alert"
              data-testid="retrain-error"
            >
              {describeError(retrain.error).message}
            </Alert>
          )}
          {retrainedHere && (
            <Alert
              color="teal"
              icon={<IconCheck size={18} />}
              title="Retrained"
              data-testid="retrain-success"
            >
              {brand?.name ?? 'The brand'}’s new mentions are now scored by its brand model.
            </Alert>
          )}

          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat
              label="Relabelled"
              value={r ? String(r.relabelled) : '…'}
              hint="mentions your team labelled"
              testId="stat-relabelled"
            />
            <Stat
              label="Unscored"
              value={r ? String(r.unscored) : '…'}
              hint="of them in languages the model does not read"
              testId="stat-unscored"
            />
            <Stat
              label="Accuracy"
              value={r && r.model.count > 0 ? percent(r.model.accuracy) : '—'}
              hint="the model agreed with the team"
              testId="stat-accuracy"
            />
            <Stat
              label="Macro-recall"
              value={r && r.model.count > 0 ? percent(r.model.macroRecall) : '—'}
              hint="recall averaged over the three classes"
              testId="stat-macro-recall"
            />
          </SimpleGrid>

          <Card withBorder radius="md" padding="lg">
            <Stack gap="sm">
              <Title order={2} fz="h4">
                The model against your team
              </Title>
              {r && r.model.count === 0 ? (
                <Text size="sm" c="dimmed" data-testid="no-relabels">
                  Nothing to compare yet. Open a mention of {brand?.name ?? 'the brand'} in{' '}
                  <Link to={brandId ? `/listen?brand=${brandId}` : '/listen'}>Listen</Link> and set its
                  sentiment under “Your team says”.
                </Text>
              ) : r ? (
                <ConfusionMatrix
                  confusion={r.model.confusion}
                  caption={`${r.model.count} relabelled mentions: what your team said (rows) against what the model said when they relabelled (columns). Unscored mentions are not in the matrix.`}
                />
              ) : null}
            </Stack>
          </Card>

          <Card withBorder radius="md" padding="lg">
            <Stack gap="sm">
              <Title order={2} fz="h4">
                Brand model
              </Title>
              {r && <BrandModel brandName={brand?.name ?? 'the brand'} report={r} model={r.brandModel} />}
              {!canRetrain && (
                <Text size="xs" c="dimmed">
                  Members of marketing or PR and workspace admins can retrain it.
                </Text>
              )}
            </Stack>
          </Card>
        </Stack>
      )}
    </>
  );
}
