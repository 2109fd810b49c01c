import type { Action, SessionInfo } from '@contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { useNavigate } from 'react-router';
import { fetchSession, sessionKey, signOut } from '../auth.api';

/** The session query: SessionInfo when signed in, null when signed out. */
export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 5 * 60_000,
  });
}

/** Provided by the session guard around every workspace page. */
export const SessionContext = createContext<SessionInfo | null>(null);

/** The signed-in session; only inside the workspace (below the session guard). */
export function useSession(): SessionInfo {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() is used outside the session guard');
  return session;
}

/** Whether the signed-in actor may perform `action` (the server still enforces it). */
export function useCan(action: Action): boolean {
  return useSession().permissions.includes(action);
}

/**
 * Set while the member signs out on purpose, so the session guard does not offer to return to the page they
 * left (that is for sessions that expire). Cleared by the next sign-in.
 */
let signedOutOnPurpose = false;
export const wasSignedOutOnPurpose = () => signedOutOnPurpose;
export const clearSignedOutOnPurpose = () => {
  signedOutOnPurpose = false;
};

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      signedOutOnPurpose = true;
      void navigate('/sign-in', { replace: true });
      // Signed out either way: forget everything cached for this session.
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}
