import { Anchor, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconHourglassHigh } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCan } from '../../auth/hooks/use-session';
import type { ProductArea } from '../product-areas';

/** The page for a product area that is not built yet: what will be here, in plain words. */
export function ProductAreaPage({ area }: { area: ProductArea }) {
  useDocumentTitle(`${area.title} · Firebreak`);
  const canSeeBrands = useCan('brand.read');
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1} fz="h2">
        {area.title}
      </Title>
      <Paper withBorder radius="md" p="xl">
        <Stack gap="sm" align="flex-start">
          <ThemeIcon variant="light" color="gray" size={40} radius="xl">
            <IconHourglassHigh size={22} aria-hidden />
          </ThemeIcon>
          <Text fw={600}>Not built yet</Text>
          <Text>{area.summary}</Text>
          <Text c="dimmed" size="sm">
            {area.arrivesWith}
          </Text>
          {area.id === 'listen' && canSeeBrands && (
            <Anchor component={Link} to="/settings/brands" size="sm">
              Set up what to listen for
            </Anchor>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
