import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import type { SessionInfo } from '@contracts';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { setCsrfTokenSource } from '../api/http';
import { sessionKey } from '../features/auth/auth.api';
import { createQueryClient } from './query-client';
import { theme } from './theme';

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    // The cached session is the one source of the CSRF token that mutating requests send.
    setCsrfTokenSource(() => client.getQueryData<SessionInfo | null>(sessionKey)?.csrfToken);
    return client;
  });
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" limit={4} />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
