// One QueryClient for the app. Errors are handled here once: a lost session sends the user to sign in,
// other failures become notifications unless a mutation shows them inline (meta.inlineErrors).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { showErrorNotification } from '../api/error-notification';
import { isApiError } from '../api/http';
import { sessionKey } from '../features/auth/auth.api';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { inlineErrors?: boolean };
    queryMeta: { inlineErrors?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (handleLostSession(error)) return;
        // First loads show their error in the page; a failed background refresh gets a notification.
        if (query.state.data !== undefined && !query.meta?.inlineErrors) showErrorNotification(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (handleLostSession(error)) return;
        // A stale CSRF token (e.g. the session was renewed in another tab): reload the session so the
        // next attempt carries the current one.
        if (isApiError(error, 'csrf_failed')) void queryClient.invalidateQueries({ queryKey: sessionKey });
        if (!mutation.options.meta?.inlineErrors) showErrorNotification(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          // Client errors will not fix themselves; network and 5xx get two more tries.
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });

  function handleLostSession(error: unknown): boolean {
    if (!isApiError(error, 'unauthenticated')) return false;
    // The session guard sees null and redirects to /sign-in, remembering the page.
    queryClient.setQueryData(sessionKey, null);
    return true;
  }

  return queryClient;
}
