import { Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryError } from '../../components/query-error';
import {
  SessionContext,
  useSessionQuery,
  wasSignedOutOnPurpose,
} from '../../features/auth/hooks/use-session';

/** Renders its children only with a session; otherwise sends the user to sign in, remembering the page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const location = useLocation();

  if (session.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading your workspace" />
      </Center>
    );
  }
  if (session.isError && session.data === undefined) {
    return (
      <Center mih="100vh" px="md">
        <Stack maw={480}>
          <QueryError error={session.error} what="your session" onRetry={() => void session.refetch()} />
          <Button variant="subtle" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!session.data) {
    if (wasSignedOutOnPurpose()) return <Navigate to="/sign-in" replace />;
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/sign-in" replace state={{ from }} />;
  }
  return <SessionContext value={session.data}>{children}</SessionContext>;
}
