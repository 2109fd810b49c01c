import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { describeError } from '../api/error-notification';

/** A failed first load, in the page, with a way to try again. */
export function QueryError({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what: string }) {
  const { message } = describeError(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={`Could not load ${what}`} role="alert">
      <Group justify="space-between" align="center" gap="md">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
