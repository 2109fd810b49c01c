import type { AcceptInviteInput, SessionInfo, SignInInput } from '@contracts';
import { http, isApiError } from '../../api/http';

export const sessionKey = ['session'] as const;

/** The signed-in session, or null when signed out (the API answers 401 `unauthenticated`). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return await http.get<SessionInfo>('/api/auth/session', { signal });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const signIn = (input: SignInInput) => http.post<SessionInfo>('/api/auth/sign-in', input);

export const signOut = () => http.post<void>('/api/auth/sign-out');

export const acceptInvite = (input: AcceptInviteInput) =>
  http.post<SessionInfo>('/api/auth/accept-invite', input);
