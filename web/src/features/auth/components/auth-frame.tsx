import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark } from '../../../components/brand-mark';

/** The centred card that the sign-in and accept-invite pages share. */
export function AuthFrame({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <Center mih="100vh" bg="gray.0" px="md" py="xl">
      <Box w="100%" maw={420}>
        <Stack gap="lg">
          <Center>
            <BrandMark size="lg" />
          </Center>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stack gap="md">
              <div>
                <Title order={1} fz="h3">
                  {title}
                </Title>
                {subtitle && (
                  <Text c="dimmed" size="sm" mt={4}>
                    {subtitle}
                  </Text>
                )}
              </div>
              {children}
            </Stack>
          </Paper>
          <Text c="dimmed" size="xs" ta="center">
            Crisis management for social media teams: marketing, PR, customer service and legal as one team.
          </Text>
        </Stack>
      </Box>
    </Center>
  );
}
