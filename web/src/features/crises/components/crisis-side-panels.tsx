import type { Decision, FactItem, Sitrep } from '@contracts';
import {
  ActionIcon,
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

/** Situation reports on the severity's cadence: situation, actions, needs. */
export function SitrepPanel({
  crisisId,
  sitreps,
  canAct,
}: {
  crisisId: string;
  sitreps: Sitrep[];
  canAct: boolean;
}) {
  const [situation, setSituation] = useState('');
  const [actions, setActions] = useState('');
  const [needs, setNeeds] = useState('');
  const file = useRoomMutation(() => fileSitrep(crisisId, { situation, actions, needs }));
  const last = sitreps[sitreps.length - 1];
  return (
    <Section title="Situation reports">
      <Stack gap="xs">
        {last ? (
          <Text size="xs" c="dimmed">
            {sitreps.length} filed; last by {last.authorName} at{' '}
            {new Date(last.createdAt).toLocaleTimeString()}: {last.situation}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            None filed yet.
          </Text>
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
                autosize
                value={situation}
                onChange={(e) => setSituation(e.currentTarget.value)}
              />
              <Textarea
                size="xs"
                label="Actions"
                autosize
                value={actions}
                onChange={(e) => setActions(e.currentTarget.value)}
              />
              <Textarea
                size="xs"
                label="Needs"
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
