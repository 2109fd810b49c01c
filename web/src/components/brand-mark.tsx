import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';

/** The Firebreak logo: flame icon + word mark. */
export function BrandMark({ size = 'md' }: { size?: 'sm' | 'md' | 'lg' }) {
  const icon = size === 'lg' ? 36 : size === 'md' ? 30 : 26;
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon
        size={icon}
        radius="md"
        variant="gradient"
        gradient={{ from: 'orange.7', to: 'red.7', deg: 135 }}
      >
        <IconFlame size={icon * 0.62} stroke={2} aria-hidden />
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 24 : size === 'md' ? 19 : 16} lh={1} c="dark.8">
        Firebreak
      </Text>
    </Group>
  );
}
