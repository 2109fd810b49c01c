// The live mention stream: newest first, new mentions put in place as they arrive. "Pause" holds back what
// arrives (counted in a "N new mentions" button) so a reader is not moved; older pages load on scroll.
import type { Mention } from '@contracts';
import { Alert, Box, Button, Center, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowUp, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { useMentionStream } from '../hooks/use-listen';
import { currentLiveSeq, liveSeqOf } from '../listen.cache';
import type { MentionFilters } from '../listen.filters';
import { MentionCard } from './mention-card';

export function MentionStream({
  filters,
  onOpen,
}: {
  filters: MentionFilters;
  onOpen: (id: string) => void;
}) {
  const stream = useMentionStream(filters);
  // The live sequence number when the reader paused; null while the stream flows.
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  // Mentions that arrived after this point are marked as new.
  const [seenUpTo, setSeenUpTo] = useState(() => currentLiveSeq());
  const topRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);

  const { shown, held } = useMemo(() => {
    if (pausedAt === null) return { shown: stream.mentions, held: 0 };
    const shown: Mention[] = [];
    let held = 0;
    for (const m of stream.mentions) {
      if ((liveSeqOf(m.id) ?? 0) > pausedAt) held += 1;
      else shown.push(m);
    }
    return { shown, held };
  }, [stream.mentions, pausedAt]);

  // Infinite scroll: load the next page when the end of the list comes into view.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = stream;
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '400px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // New mentions stay marked for a few seconds after they arrive.
  useEffect(() => {
    if (pausedAt !== null) return;
    const timer = setTimeout(() => setSeenUpTo(currentLiveSeq()), 8_000);
    return () => clearTimeout(timer);
  }, [stream.mentions, pausedAt]);

  const resume = () => {
    setPausedAt(null);
    topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  if (stream.isError && !stream.data) {
    return <QueryError error={stream.error} what="mentions" onRetry={() => void stream.refetch()} />;
  }

  return (
    <Stack gap="sm" ref={topRef}>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {stream.isPending
            ? 'Loading mentions…'
            : `${shown.length.toLocaleString()} mention${shown.length === 1 ? '' : 's'} shown${
                hasNextPage ? ', more below' : ''
              }`}
        </Text>
        <Group gap="xs">
          {held > 0 && (
            <Button size="xs" leftSection={<IconArrowUp size={14} />} onClick={resume}>
              {held} new mention{held === 1 ? '' : 's'}
            </Button>
          )}
          {pausedAt === null ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlayerPause size={14} />}
              onClick={() => {
                setPausedAt(currentLiveSeq());
                setSeenUpTo(currentLiveSeq());
              }}
            >
              Pause stream
            </Button>
          ) : (
            <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={resume}>
              Resume stream
            </Button>
          )}
        </Group>
      </Group>

      {pausedAt !== null && (
        <Alert color="yellow" variant="light" py={6}>
          The stream is paused: new mentions are counted above, not shown, so the list stays still.
        </Alert>
      )}

      <Stack gap="xs" data-testid="mention-stream" data-count={shown.length} aria-label="Mention stream">
        {stream.isPending && [0, 1, 2, 3].map((i) => <Skeleton key={i} h={110} radius="md" />)}
        {shown.map((mention) => (
          <MentionCard
            key={mention.id}
            mention={mention}
            fresh={(liveSeqOf(mention.id) ?? 0) > seenUpTo}
            onOpen={onOpen}
          />
        ))}
      </Stack>

      {stream.isSuccess && shown.length === 0 && (
        <Text c="dimmed" ta="center" py="xl" size="sm">
          No mentions match these filters yet. New ones will appear here as they arrive.
        </Text>
      )}

      <Box ref={sentinelRef} />
      {hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
      {isFetchingNextPage && !hasNextPage && (
        <Center>
          <Loader size="sm" />
        </Center>
      )}
    </Stack>
  );
}
