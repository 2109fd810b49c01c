import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack gap="sm" maw={560}>
      <Title order={1} fz="h2">
        Page not found
      </Title>
      <Text c="dimmed">
        There is no page at this address. It may have moved, or the link may be mistyped.
      </Text>
      <Anchor component={Link} to="/">
        Back to the workspace
      </Anchor>
    </Stack>
  );
}
