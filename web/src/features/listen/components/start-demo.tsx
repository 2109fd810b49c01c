// What an empty workspace sees on the Listen page: one click starts a demo brand fed by the simulator.
import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBroadcast, IconPlayerPlay } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCan } from '../../auth/hooks/use-session';
import { useStartDemo } from '../hooks/use-listen';

export function StartDemo({ noBrands, onStarted }: { noBrands: boolean; onStarted: () => void }) {
  const canStart = useCan('source.manage');
  const demo = useStartDemo();
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" maw={560} mx="auto" ta="center">
        <ThemeIcon size={52} radius="xl" variant="light">
          <IconBroadcast size={28} />
        </ThemeIcon>
        <Title order={2} fz="h3">
          {noBrands ? 'Nothing to listen for yet' : 'No mentions yet'}
        </Title>
        <Text c="dimmed" size="sm">
          {noBrands
            ? 'Listening follows the brands of this workspace on every connected platform. '
            : 'Mentions appear here as soon as a connected source brings them in. '}
          See it working first: a demo brand fed by simulated social traffic, with two hours of history and a
          crisis brewing.
        </Text>
        {canStart ? (
          <Button
            size="md"
            leftSection={<IconPlayerPlay size={18} />}
            loading={demo.isPending}
            onClick={() =>
              demo.mutate(undefined, {
                onSuccess: () => {
                  onStarted();
                  notifications.show({
                    color: 'teal',
                    title: 'Demo started',
                    message: 'Simulated mentions of “Northwind Air (demo)” are arriving.',
                  });
                },
              })
            }
          >
            Start a demo
          </Button>
        ) : (
          <Text size="sm">Ask a workspace admin to start a demo or connect a source.</Text>
        )}
        <Text size="sm" c="dimmed">
          Or <Link to="/settings/brands">add your brands</Link> and{' '}
          <Link to="/settings/sources">connect a source</Link>.
        </Text>
      </Stack>
    </Paper>
  );
}
