import type { CrisisMessage } from '@contracts';
import { Box, Button, Group, ScrollArea, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useSession } from '../../auth/hooks/use-session';
import { postMessage } from '../crises.api';
import { useRoomMutation } from '../hooks/use-crises';
import { Section } from './section';

/** The body with @handles set in bold (the server resolved which members they name). */
function withMentions(body: string): ReactNode[] {
  return body.split(/((?:^|(?<=[^\w.]))@[\w.+-]*\w)/).map((part, i) =>
    i % 2 === 1 ? (
      <Text key={i} span fw={700} c="blue">
        {part}
      </Text>
    ) : (
      part
    ),
  );
}

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
  const me = useSession().member.id;
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
          {messages.map((m) => {
            const forMe = m.mentions.includes(me);
            return (
              <Box
                key={m.id}
                data-testid="crisis-message"
                {...(forMe ? { 'data-mentions-me': 'true' } : {})}
                pl={forMe ? 6 : 0}
                style={forMe ? { borderLeft: '3px solid var(--mantine-color-blue-5)' } : undefined}
              >
                <Text size="xs" c="dimmed">
                  <b>{m.authorName}</b> · {new Date(m.createdAt).toLocaleTimeString()}
                  {forMe ? ' · mentions you' : ''}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {withMentions(m.body)}
                </Text>
              </Box>
            );
          })}
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
