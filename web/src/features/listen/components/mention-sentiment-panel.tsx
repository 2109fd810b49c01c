// A mention's sentiment in its detail view: the model's label, its probabilities and the words or emoji that drove
// it (or the language it left unscored), and the team's label, which a permitted member sets here. Relabels feed
// each brand's accuracy report and its retrained model (docs/sentiment.md, "Per-brand correction").
import type { Brand, MentionDetail } from '@contracts';
import { Alert, Anchor, Badge, Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useCan } from '../../auth/hooks/use-session';
import { useRelabelMention } from '../../sentiment/hooks/use-sentiment';
import {
  agreedRelabel,
  percent,
  readDriver,
  sentimentClasses,
  sentimentColors,
  sentimentNames,
  unscoredText,
} from '../../sentiment/sentiment-view';
import { SentimentBadge } from './mention-parts';

function Heading({ children }: { children: React.ReactNode }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
      {children}
    </Text>
  );
}

export function MentionSentimentPanel({
  mention,
  brands,
}: {
  mention: MentionDetail;
  brands: readonly Brand[];
}) {
  const canRelabel = useCan('sentiment.relabel');
  const relabel = useRelabelMention();
  const s = mention.sentimentDetail;
  const brandName = (brandId: string) => brands.find((b) => b.id === brandId)?.name ?? 'Unknown brand';
  const teamLabel = agreedRelabel(s.relabels);
  const pending = relabel.isPending ? relabel.variables.label : null;
  const unscored = s.unscored || mention.sentiment === null;

  return (
    <Stack gap="sm" data-testid="mention-sentiment">
      <Heading>Sentiment</Heading>
      {unscored ? (
        <Alert
          color="gray"
          variant="light"
          icon={<IconLanguage size={18} />}
          title={unscoredText(s.language === 'und' ? mention.lang : s.language)}
          data-testid="sentiment-unscored"
        >
          The sentiment model does not read this language, so it left the mention unscored rather than guess.
          Your team can still label it; the accuracy report counts such relabels apart.
        </Alert>
      ) : (
        <Stack gap="xs">
          <Group gap="xs">
            <Text size="sm">The model says</Text>
            <SentimentBadge sentiment={mention.sentiment} language={mention.lang} />
            <Badge variant="dot" color={s.brandModelOf ? 'violet' : 'gray'} radius="sm" tt="none">
              {s.brandModelOf ? `${brandName(s.brandModelOf)}'s retrained model` : 'General model'}
            </Badge>
          </Group>
          {s.label !== null && mention.sentiment !== null && s.label !== mention.sentiment.label && (
            <Text size="xs" c="dimmed">
              Scored {sentimentNames[mention.sentiment.label].toLowerCase()} when it arrived; the model now
              reads it as {sentimentNames[s.label].toLowerCase()}.
            </Text>
          )}
          {s.probabilities && (
            <Stack gap={4} aria-label="Probabilities" role="group">
              {sentimentClasses.map((c) => (
                <Group key={c} gap="xs" wrap="nowrap">
                  <Text size="xs" w={64}>
                    {sentimentNames[c]}
                  </Text>
                  <Progress
                    value={s.probabilities![c] * 100}
                    color={sentimentColors[c]}
                    size="sm"
                    style={{ flex: 1 }}
                    aria-label={`${sentimentNames[c]} probability`}
                  />
                  <Text size="xs" c="dimmed" w={40} ta="right" data-testid={`probability-${c}`}>
                    {percent(s.probabilities![c])}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
          <Group gap={6} data-testid="sentiment-drivers">
            <Text size="xs" c="dimmed">
              {s.drivers.length > 0 ? 'Driven by' : 'No single word stood out.'}
            </Text>
            {s.drivers.map((d) => {
              const { text, negated } = readDriver(d.token);
              return (
                <Tooltip
                  key={d.token}
                  withArrow
                  label={`${negated ? `"${text}" inside a negation` : `"${text}"`} pushed toward ${
                    s.label ?? 'the label'
                  } by ${d.weight.toFixed(2)}`}
                >
                  <Badge
                    variant="light"
                    color={s.label ? sentimentColors[s.label] : 'gray'}
                    radius="sm"
                    tt="none"
                  >
                    {negated ? `not ${text}` : text}
                  </Badge>
                </Tooltip>
              );
            })}
          </Group>
        </Stack>
      )}

      <Group gap="xs" align="center">
        <Text size="sm">Your team says</Text>
        <Button.Group aria-label="Relabel sentiment">
          {sentimentClasses.map((c) => (
            <Button
              key={c}
              size="xs"
              variant={teamLabel === c ? 'filled' : 'default'}
              color={sentimentColors[c]}
              aria-pressed={teamLabel === c}
              disabled={!canRelabel || (relabel.isPending && pending !== c)}
              loading={pending === c}
              onClick={() => relabel.mutate({ mentionId: mention.id, label: c })}
            >
              {sentimentNames[c]}
            </Button>
          ))}
        </Button.Group>
      </Group>
      {s.relabels.length > 0 ? (
        <Stack gap={2} data-testid="sentiment-relabels">
          {s.relabels.map((r) => (
            <Text key={r.brandId} size="xs" c="dimmed">
              {sentimentNames[r.label]} for {brandName(r.brandId)}: by {r.labelledBy},{' '}
              {formatDateTime(r.labelledAt)}
              {r.modelLabel ? ` (the model said ${r.modelLabel})` : ' (unscored by the model)'}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="xs" c="dimmed">
          {canRelabel
            ? 'Not relabelled yet. If the model got it wrong, set the right sentiment: it counts in the brand’s accuracy report and can retrain the brand’s model.'
            : 'Not relabelled yet. Your role can read sentiment but not relabel it.'}
        </Text>
      )}
      <Group gap="md">
        {mention.brandIds.map((brandId) => (
          <Anchor key={brandId} component={Link} to={`/listen/sentiment?brand=${brandId}`} size="xs">
            Sentiment accuracy for {brandName(brandId)}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
}
