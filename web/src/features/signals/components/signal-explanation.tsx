// Why the signal was raised: baseline against observed, each detector reading, what people are saying (terms,
// copy-paste clusters), the platforms affected, and the posts behind it.
import { type SignalExplanation as Explanation, type SignalPost, signalMetricLabels } from '@contracts';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { platformLabels } from '../../../lib/labels';
import {
  baselineMetric,
  formatMetricValue,
  formatRatio,
  formatScore,
  postReasonLabels,
  severityLabels,
} from '../signal-text';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} fz="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

export function BaselineFigures({ explanation }: { explanation: Explanation }) {
  const metric = baselineMetric(explanation);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="signal-baseline">
      <Figure label="Baseline" value={formatMetricValue(metric, explanation.baseline)} hint="expected now" />
      <Figure
        label="Observed"
        value={formatMetricValue(metric, explanation.observed)}
        hint={signalMetricLabels[metric]}
      />
      <Figure label="Against baseline" value={formatRatio(explanation.ratio)} />
      <Figure
        label="Onset"
        value={new Date(explanation.onsetAt).toLocaleTimeString(undefined, {
          hour: '2-digit',
          minute: '2-digit',
        })}
        hint={formatRelative(explanation.onsetAt)}
      />
    </SimpleGrid>
  );
}

export function ExplanationSections({ explanation }: { explanation: Explanation }) {
  return (
    <Stack gap="md">
      {explanation.readings.length > 0 && (
        <Section title="What the detectors saw">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} aria-label="Detector readings">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Metric</Table.Th>
                  <Table.Th>Platform</Table.Th>
                  <Table.Th>Observed</Table.Th>
                  <Table.Th>Baseline (band)</Table.Th>
                  <Table.Th>Score</Table.Th>
                  <Table.Th>Severity</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {explanation.readings.map((r) => (
                  <Table.Tr key={`${r.metric}:${r.platform ?? 'all'}`}>
                    <Table.Td>{signalMetricLabels[r.metric]}</Table.Td>
                    <Table.Td>{r.platform ? platformLabels[r.platform] : 'All platforms'}</Table.Td>
                    <Table.Td fw={600}>{formatMetricValue(r.metric, r.observed)}</Table.Td>
                    <Table.Td>
                      {formatMetricValue(r.metric, r.expected)} ({formatMetricValue(r.metric, r.lower)}–
                      {formatMetricValue(r.metric, r.upper)})
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={`z = ${r.zScore.toFixed(1)}`} withArrow>
                        <Text size="sm">{formatScore(r.score)}</Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>{severityLabels[r.severity]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title="What people are saying" testId="signal-terms">
          {explanation.topTerms.length === 0 && explanation.clusters.length === 0 ? (
            <Text size="sm" c="dimmed">
              No term or phrase rose above its usual rate.
            </Text>
          ) : (
            <Stack gap="xs">
              <Group gap={6}>
                {explanation.topTerms.map((t) => (
                  <Tooltip
                    key={`${t.kind}:${t.term}`}
                    label={`${t.count} mentions, about ${t.expected.toFixed(1)} expected`}
                    withArrow
                  >
                    <Badge
                      variant="light"
                      color={t.kind === 'hashtag' ? 'grape' : 'blue'}
                      radius="sm"
                      tt="none"
                    >
                      {t.term} {formatRatio(t.ratio)}
                    </Badge>
                  </Tooltip>
                ))}
              </Group>
              {explanation.clusters.map((c) => (
                <Paper key={c.mentionIds[0] ?? c.text} withBorder p="xs" radius="sm" bg="gray.0">
                  <Text size="xs" c="dimmed">
                    Copy-paste cluster: {c.size} near-identical posts by {c.distinctAuthors} authors on{' '}
                    {c.platforms.map((p) => platformLabels[p]).join(', ')}
                  </Text>
                  <Text size="sm" lineClamp={3}>
                    “{c.text}”
                  </Text>
                </Paper>
              ))}
            </Stack>
          )}
        </Section>
        <Section title="Platforms affected" testId="signal-platforms">
          <Table verticalSpacing={4} aria-label="Platforms affected">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Platform</Table.Th>
                <Table.Th>Mentions</Table.Th>
                <Table.Th>Expected</Table.Th>
                <Table.Th>Negative</Table.Th>
                <Table.Th>Score</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {explanation.platforms.map((p) => (
                <Table.Tr key={p.platform}>
                  <Table.Td>{platformLabels[p.platform]}</Table.Td>
                  <Table.Td fw={600}>{p.count.toLocaleString()}</Table.Td>
                  <Table.Td>{p.expected === null ? '—' : Math.round(p.expected).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {p.negativeShare === null ? '—' : `${Math.round(p.negativeShare * 100)}%`}
                  </Table.Td>
                  <Table.Td>{formatScore(p.score)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function PostCard({ post }: { post: SignalPost }) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="signal-post">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap={6} wrap="nowrap" miw={0}>
          <Badge variant="outline" color="gray" radius="sm" size="sm">
            {platformLabels[post.platform]}
          </Badge>
          <Text size="sm" fw={600} lineClamp={1}>
            {post.author}
          </Text>
          {post.authorFollowers !== null && (
            <Text size="xs" c="dimmed">
              {post.authorFollowers.toLocaleString()} followers
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          {post.reason !== 'sample' && (
            <Badge size="xs" variant="light" color="orange">
              {postReasonLabels[post.reason]}
            </Badge>
          )}
          {post.sentiment && (
            <Badge
              size="xs"
              variant="light"
              color={post.sentiment === 'negative' ? 'red' : post.sentiment === 'positive' ? 'teal' : 'gray'}
            >
              {post.sentiment}
            </Badge>
          )}
        </Group>
      </Group>
      <Text size="sm" mt={4}>
        {post.text}
      </Text>
      <Group gap="sm" mt={4}>
        <Tooltip label={formatDateTime(post.createdAt, true)} withArrow>
          <Text size="xs" c="dimmed">
            {formatRelative(post.createdAt)}
          </Text>
        </Tooltip>
        <Text size="xs" c="dimmed">
          reach {Math.round(post.reach).toLocaleString()} · engagement {post.engagement.toLocaleString()}
        </Text>
        {post.url && (
          <Anchor href={post.url} target="_blank" rel="noreferrer" size="xs">
            <Group gap={2} component="span">
              Original <IconExternalLink size={12} />
            </Group>
          </Anchor>
        )}
      </Group>
    </Paper>
  );
}

/** The posts behind the signal: the ones that carried it (top reach, fast engagement), then samples. */
export function SignalPosts({ posts }: { posts: readonly SignalPost[] }) {
  const top = posts.filter((p) => p.reason !== 'sample');
  const samples = posts.filter((p) => p.reason === 'sample');
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Section title="Top posts" testId="signal-top-posts">
        {top.length === 0 ? (
          <Text size="sm" c="dimmed">
            No single post stands out.
          </Text>
        ) : (
          <Stack gap="xs">
            {top.map((p) => (
              <PostCard key={p.mentionId} post={p} />
            ))}
          </Stack>
        )}
      </Section>
      <Section title="Sample mentions" testId="signal-samples">
        {samples.length === 0 ? (
          <Text size="sm" c="dimmed">
            No sample mentions were kept.
          </Text>
        ) : (
          <Stack gap="xs">
            {samples.map((p) => (
              <PostCard key={p.mentionId} post={p} />
            ))}
          </Stack>
        )}
      </Section>
    </SimpleGrid>
  );
}
