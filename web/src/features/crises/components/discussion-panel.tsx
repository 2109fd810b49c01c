import type { CrisisMessage } from '@contracts';
import { Button, Group, ScrollArea, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { postMessage } from '../crises.api';
import { useRoomMutation } from '../hooks/use-crises';
import { Section } from './section';

/** Live discussion; mention people with @handle (the part of their email before the @). */
export function DiscussionPanel({
  crisisId,
  messages,
  canAct,
}: {
  crisisId: string;
  messages: CrisisMessage[];
  canAct: boolean;
}) {
  const [body, setBody] = useState('');
  const post = useRoomMutation((text: string) => postMessage(crisisId, text));
  const viewport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [messages.length]);
  const send = () => {
    if (!body.trim()) return;
    post.mutate(body, { onSuccess: () => setBody('') });
  };
  return (
    <Section title="Discussion">
      <ScrollArea h={280} viewportRef={viewport}>
        <Stack gap="xs" aria-label="Messages" role="log">
          {messages.length === 0 && (
            <Text size="sm" c="dimmed">
              No messages yet.
            </Text>
          )}
          {messages.map((m) => (
            <div key={m.id} data-testid="crisis-message">
              <Text size="xs" c="dimmed">
                <b>{m.authorName}</b> · {new Date(m.createdAt).toLocaleTimeString()}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.body}
              </Text>
            </div>
          ))}
        </Stack>
      </ScrollArea>
      {canAct && (
        <Group mt="sm" align="flex-end" wrap="nowrap">
          <Textarea
            flex={1}
            aria-label="Message"
            placeholder="Write to the room… (@handle to mention)"
            autosize
            minRows={1}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                send();
              }
            }}
          />
          <Button onClick={send} loading={post.isPending}>
            Send
          </Button>
        </Group>
      )}
    </Section>
  );
}
