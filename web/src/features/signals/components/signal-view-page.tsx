// One signal: what it is and who owns it, the buttons to act on it, its chart (baseline band, observed,
// onset), its explanation, the posts behind it, and its history (detections, feedback, merged signals).
import { signalMetricLabels } from '@contracts';
import {
  Anchor,
  Breadcrumbs,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { NoAccess } from '../../../components/no-access';
import { QueryError } from '../../../components/query-error';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { departmentLabels, platformLabels } from '../../../lib/labels';
import { useCan } from '../../auth/hooks/use-session';
import { useMembers } from '../../members/hooks/use-members';
import { useSignal } from '../hooks/use-signals';
import { formatScore, ownershipLine, severityLabels, signalKindLabels } from '../signal-text';
import { PlatformIcons, SignalSeverityBadge, SignalStatusBadge } from './signal-badges';
import { SignalActions } from './signal-actions';
import { SignalChart } from './signal-chart';
import { BaselineFigures, ExplanationSections, SignalPosts } from './signal-explanation';

export default function SignalViewPage() {
  const { id = '' } = useParams();
  const canRead = useCan('signal.read');
  const detail = useSignal(id);
  const members = useMembers();
  const signal = detail.data?.signal;
  useDocumentTitle(signal ? `${signal.title} · Signals · Firebreak` : 'Signal · Firebreak');

  if (!canRead) return <NoAccess what="signals" />;
  if (detail.isError && !detail.data) {
    return <QueryError error={detail.error} what="this signal" onRetry={() => void detail.refetch()} />;
  }
  if (!detail.data || !signal) return <Skeleton h={480} />;
  const { chart, detections, feedback, merged } = detail.data;
  const nameOf = (memberId: string) =>
    members.data?.members.find((m) => m.id === memberId)?.name ?? 'a former member';

  return (
    <Stack gap="md" data-testid="signal-view" data-signal-id={signal.id} data-status={signal.status}>
      <Breadcrumbs>
        <Anchor component={Link} to="/signals" size="sm">
          Signals
        </Anchor>
        <Text size="sm">{signal.brandName}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} maw={760}>
          <Group gap="xs">
            <SignalSeverityBadge severity={signal.severity} />
            <SignalStatusBadge status={signal.status} />
            <Text size="sm" c="dimmed">
              {signalKindLabels[signal.kind]} · score {formatScore(signal.score)}
            </Text>
          </Group>
          <Title order={1} fz="h2">
            {signal.title}
          </Title>
          <Text size="sm" data-testid="signal-summary">
            {signal.explanation.summary}
          </Text>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {signal.brandName} · started {formatDateTime(signal.startedAt)} (
              {formatRelative(signal.startedAt)})
            </Text>
            <PlatformIcons platforms={signal.platforms} />
          </Group>
        </Stack>
      </Group>

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Text size="sm" data-testid="signal-ownership">
            {ownershipLine(signal, nameOf)}
            {signal.routedDepartments.length > 0 &&
              ` Routed to ${signal.routedDepartments.map((d) => departmentLabels[d]).join(', ')}.`}
          </Text>
          <SignalActions signal={signal} />
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          {/* Baseline against observed means something only when a series detector fired (not for a post). */}
          {signal.explanation.readings.length > 0 && <BaselineFigures explanation={signal.explanation} />}
          <SignalChart series={chart} onsetAt={signal.explanation.onsetAt} />
        </Stack>
      </Paper>

      <ExplanationSections explanation={signal.explanation} />
      <SignalPosts posts={signal.explanation.topPosts} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Detections">
          <Title order={2} fz="h5" mb="xs">
            Detections
          </Title>
          <Timeline bulletSize={14} lineWidth={2}>
            {detections.map((d) => (
              <Timeline.Item
                key={d.id}
                color={d.isOnset ? 'orange' : 'gray'}
                title={
                  <Text size="sm" fw={600}>
                    {d.isOnset ? 'Onset · ' : ''}
                    {severityLabels[d.severity]} · score {formatScore(d.score)}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(d.t, true)}
                  {d.metric ? ` · ${signalMetricLabels[d.metric]}` : ''}
                  {d.platform ? ` · ${platformLabels[d.platform]}` : ''}
                </Text>
                <Text size="sm">{d.summary}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Feedback">
          <Title order={2} fz="h5" mb="xs">
            Feedback
          </Title>
          {feedback.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody has judged it yet. Mark it real or noise: the feedback is counted in the detection
              report.
            </Text>
          ) : (
            <Stack gap={6}>
              {feedback.map((f) => (
                <Text key={f.id} size="sm">
                  <b>{f.memberName}</b> marked it <b>{f.verdict}</b> {formatRelative(f.createdAt)}
                  {f.note ? `: ${f.note}` : ''}
                </Text>
              ))}
            </Stack>
          )}
          {merged.length > 0 && (
            <>
              <Title order={3} fz="h6" mt="md" mb={4}>
                Merged into this signal
              </Title>
              <Stack gap={2}>
                {merged.map((m) => (
                  <Anchor key={m.id} component={Link} to={`/signals/${m.id}`} size="sm">
                    {m.title} ({formatDateTime(m.startedAt)})
                  </Anchor>
                ))}
              </Stack>
            </>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
