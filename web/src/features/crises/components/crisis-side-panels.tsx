import { type Decision, type FactItem, type Severity, type Sitrep, severityCriteria } from '@contracts';
import {
  Accordion,
  ActionIcon,
  Badge,
  Button,
  Group,
  List,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useNow } from '../../../lib/use-now';
import { addFact, fileSitrep, recordDecision, removeFact } from '../crises.api';
import { useRoomMutation } from '../hooks/use-crises';
import { Section } from './section';

/** The pinned fact sheet: what we know / what we don't know. */
export function FactsPanel({
  crisisId,
  facts,
  canAct,
}: {
  crisisId: string;
  facts: FactItem[];
  canAct: boolean;
}) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'known' | 'unknown'>('known');
  const add = useRoomMutation(() => addFact(crisisId, { kind, text }));
  const remove = useRoomMutation((factId: string) => removeFact(crisisId, factId));
  const group = (k: 'known' | 'unknown', title: string) => (
    <div aria-label={title} role="group">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <List size="sm" spacing={2}>
        {facts
          .filter((f) => f.kind === k)
          .map((f) => (
            <List.Item key={f.id}>
              <Group gap={4} wrap="nowrap">
                <Text size="sm">{f.text}</Text>
                {canAct && (
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove ${f.text}`}
                    onClick={() => remove.mutate(f.id)}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                )}
              </Group>
            </List.Item>
          ))}
      </List>
    </div>
  );
  return (
    <Section title="Fact sheet">
      <Stack gap="xs">
        {group('known', 'What we know')}
        {group('unknown', "What we don't know")}
        {canAct && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) add.mutate(undefined, { onSuccess: () => setText('') });
            }}
          >
            <Stack gap={4}>
              <SegmentedControl
                size="xs"
                value={kind}
                onChange={(v) => setKind(v)}
                data={[
                  { value: 'known', label: 'We know' },
                  { value: 'unknown', label: "We don't know" },
                ]}
              />
              <Group wrap="nowrap">
                <TextInput
                  flex={1}
                  size="xs"
                  aria-label="Fact"
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                />
                <Button size="xs" type="submit" variant="default">
                  Add
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

export function DecisionsPanel({
  crisisId,
  decisions,
  canAct,
}: {
  crisisId: string;
  decisions: Decision[];
  canAct: boolean;
}) {
  const [decision, setDecision] = useState('');
  const [rationale, setRationale] = useState('');
  const record = useRoomMutation(() => recordDecision(crisisId, { decision, rationale }));
  return (
    <Section title="Decisions">
      <Stack gap="xs" aria-label="Decision register">
        {decisions.length === 0 && (
          <Text size="sm" c="dimmed">
            No decisions recorded.
          </Text>
        )}
        {decisions.map((d) => (
          <div key={d.id} data-testid="crisis-decision">
            <Text size="sm" fw={600}>
              {d.decision}
            </Text>
            {d.rationale && <Text size="xs">{d.rationale}</Text>}
            <Text size="xs" c="dimmed">
              {d.decidedByName} · {new Date(d.decidedAt).toLocaleString()}
            </Text>
          </div>
        ))}
        {canAct && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (decision.trim()) {
                record.mutate(undefined, {
                  onSuccess: () => {
                    setDecision('');
                    setRationale('');
                  },
                });
              }
            }}
          >
            <Stack gap={4}>
              <TextInput
                size="xs"
                label="Decision"
                value={decision}
                onChange={(e) => setDecision(e.currentTarget.value)}
              />
              <Textarea
                size="xs"
                label="Rationale"
                autosize
                value={rationale}
                onChange={(e) => setRationale(e.currentTarget.value)}
              />
              <Button size="xs" type="submit" variant="default" loading={record.isPending}>
                Record decision
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

/** Situation reports on the severity's cadence, from a template (situation, actions, needs), with history. */
export function SitrepPanel({
  crisisId,
  sitreps,
  canAct,
  dueAt,
  severity,
}: {
  crisisId: string;
  sitreps: Sitrep[];
  canAct: boolean;
  dueAt: string | null;
  severity: Severity;
}) {
  const [situation, setSituation] = useState('');
  const [actions, setActions] = useState('');
  const [needs, setNeeds] = useState('');
  const file = useRoomMutation(() => fileSitrep(crisisId, { situation, actions, needs }));
  const now = useNow(30_000);
  const overdue = dueAt !== null && new Date(dueAt).getTime() <= now;
  const cadence = severityCriteria[severity].sitrepEveryMinutes;
  return (
    <Section
      title="Situation reports"
      actions={
        dueAt && (
          <Badge color={overdue ? 'red' : 'gray'} variant={overdue ? 'filled' : 'light'}>
            {overdue
              ? 'due now'
              : `next ${new Date(dueAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`}
          </Badge>
        )
      }
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {severity}: every {cadence >= 1440 ? 'day' : cadence === 60 ? 'hour' : `${cadence / 60} hours`}; the
          crisis lead is reminded when one is due.
        </Text>
        {sitreps.length === 0 ? (
          <Text size="xs" c="dimmed">
            None filed yet.
          </Text>
        ) : (
          <Accordion variant="contained" aria-label="Situation report history">
            {[...sitreps].reverse().map((r) => (
              <Accordion.Item key={r.id} value={r.id} data-testid="crisis-sitrep">
                <Accordion.Control>
                  <Text size="xs">
                    {new Date(r.createdAt).toLocaleString()} · {r.authorName}
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>
                  {(
                    [
                      ['Situation', r.situation],
                      ['Actions', r.actions],
                      ['Needs', r.needs],
                    ] as const
                  ).map(([label, text]) => (
                    <Text key={label} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      <b>{label}:</b> {text || '—'}
                    </Text>
                  ))}
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
        {canAct && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (situation.trim()) {
                file.mutate(undefined, {
                  onSuccess: () => {
                    setSituation('');
                    setActions('');
                    setNeeds('');
                  },
                });
              }
            }}
          >
            <Stack gap={4}>
              <Textarea
                size="xs"
                label="Situation"
                placeholder="What is happening now: volume, sentiment, platforms, press"
                autosize
                value={situation}
                onChange={(e) => setSituation(e.currentTarget.value)}
              />
              <Textarea
                size="xs"
                label="Actions"
                placeholder="What we did since the last report, and what is next"
                autosize
                value={actions}
                onChange={(e) => setActions(e.currentTarget.value)}
              />
              <Textarea
                size="xs"
                label="Needs"
                placeholder="Decisions, people or approvals we need"
                autosize
                value={needs}
                onChange={(e) => setNeeds(e.currentTarget.value)}
              />
              <Button size="xs" type="submit" variant="default" loading={file.isPending}>
                File report
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}
