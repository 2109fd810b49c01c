import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Button,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout, IconSettings } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import type { Health } from '@contracts';
import { http } from '../../api/http';
import { connectLiveEvents } from '../../api/live-events';
import { BrandMark } from '../../components/brand-mark';
import { useCan, useSession, useSignOut } from '../../features/auth/hooks/use-session';
import { NotificationsBell } from '../../features/notifications/components/notifications-bell';
import { productAreas } from '../../features/product-areas/product-areas';
import { departmentLabels, roleLabels } from '../../lib/labels';
import { LiveIndicator } from './live-indicator';
import { areaIcons, settingsItems } from './navigation';
import { PageLoader } from './page-loader';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** Keeps the one live-events connection open while the workspace is shown. */
function useLiveEvents(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => (enabled ? connectLiveEvents(queryClient) : undefined), [queryClient, enabled]);
}

function isActive(pathname: string, path: string): boolean {
  return pathname === path || pathname.startsWith(`${path}/`);
}

function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { pathname } = useLocation();
  const session = useSession();
  const visibleSettings = settingsItems.filter(
    (item) => !item.requires || session.permissions.includes(item.requires),
  );

  return (
    <Stack gap={2}>
      {productAreas.map((area) => {
        const Icon = areaIcons[area.id];
        return (
          <NavLink
            key={area.id}
            component={Link}
            to={area.path}
            label={area.title}
            leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
            active={isActive(pathname, area.path)}
            onClick={onNavigate}
          />
        );
      })}
      {visibleSettings.length > 0 && (
        <>
          <Divider my="xs" />
          <NavLink
            component="button"
            type="button"
            label="Settings"
            leftSection={<IconSettings size={18} stroke={1.7} aria-hidden />}
            // Open by default: settings has few pages and they should be one click away.
            defaultOpened
          >
            {visibleSettings.map((item) => {
              const Icon = item.icon;
              return (
                <NavLink
                  key={item.path}
                  component={Link}
                  to={item.path}
                  label={item.label}
                  leftSection={<Icon size={16} stroke={1.7} aria-hidden />}
                  active={isActive(pathname, item.path)}
                  onClick={onNavigate}
                />
              );
            })}
          </NavLink>
        </>
      )}
    </Stack>
  );
}

function VersionLine() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => http.get<Health>('/api/health', { signal }),
    staleTime: Infinity,
    meta: { inlineErrors: true },
  });
  if (!health.data) return null;
  return (
    <Text size="xs" c="dimmed">
      Firebreak {health.data.version} ·{' '}
      {health.data.database === 'pglite' ? 'embedded database' : 'PostgreSQL'}
    </Text>
  );
}

export function WorkspaceShell() {
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const signOut = useSignOut();
  useLiveEvents(useCan('events.subscribe'));
  const { member, workspace } = session;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={0}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <BrandMark size="sm" />
            <Divider orientation="vertical" visibleFrom="xs" />
            <Text fw={600} truncate="end" maw={260} visibleFrom="xs" data-testid="workspace-name">
              {workspace.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box visibleFrom="xs">
              <LiveIndicator />
            </Box>
            <NotificationsBell />
            <Group gap={10} wrap="nowrap" aria-label="Signed in member" role="group">
              <Avatar color="indigo" radius="xl" size={34}>
                {initials(member.name)}
              </Avatar>
              <Box visibleFrom="md">
                <Text size="sm" fw={600} lh={1.25}>
                  {member.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.25}>
                  {departmentLabels[member.department]} · {roleLabels[member.role]}
                </Text>
              </Box>
            </Group>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconLogout size={16} aria-hidden />}
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
              visibleFrom="sm"
            >
              Sign out
            </Button>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Sign out"
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
              hiddenFrom="sm"
            >
              <IconLogout size={18} />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section grow component={ScrollArea} type="scroll">
          <Navigation onNavigate={close} />
        </AppShell.Section>
        <AppShell.Section pt="sm" px="xs">
          <VersionLine />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Box p={{ base: 'md', sm: 'xl' }} maw={1320}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
