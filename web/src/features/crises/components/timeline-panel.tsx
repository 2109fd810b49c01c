import type { TimelineEntry } from '@contracts';
import { Badge, Button, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { addNote } from '../crises.api';
import { useRoomMutation } from '../hooks/use-crises';
import { Section } from './section';

export function TimelinePanel({
  crisisId,
  timeline,
  canAct,
}: {
  crisisId: string;
  timeline: TimelineEntry[];
  canAct: boolean;
}) {
  const [text, setText] = useState('');
  const note = useRoomMutation((t: string) => addNote(crisisId, t));
  return (
    <Section title="Timeline">
      <ScrollArea.Autosize mah={360}>
        <Stack gap={6} aria-label="Timeline entries">
          {[...timeline].reverse().map((e) => (
            <Group key={e.id} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed" w={70} style={{ flexShrink: 0 }}>
                {new Date(e.at).toLocaleTimeString()}
              </Text>
              <Badge
                size="xs"
                variant="light"
                color={e.kind === 'escalation' ? 'red' : 'gray'}
                style={{ flexShrink: 0 }}
              >
                {e.kind}
              </Badge>
              <Text size="sm">
                {e.summary}{' '}
                <Text span size="xs" c="dimmed">
                  — {e.actorLabel}
                </Text>
              </Text>
            </Group>
          ))}
        </Stack>
      </ScrollArea.Autosize>
      {canAct && (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            if (text.trim()) note.mutate(text, { onSuccess: () => setText('') });
          }}
        >
          <Group mt="sm" wrap="nowrap">
            <TextInput
              flex={1}
              aria-label="Timeline note"
              placeholder="Add a note to the timeline"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Button type="submit" variant="default" loading={note.isPending}>
              Add note
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}
