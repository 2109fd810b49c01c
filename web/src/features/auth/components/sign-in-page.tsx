import { Alert, Button, Center, Loader, Stack, TextInput } from '@mantine/core';
import { PasswordField } from '../../../components/password-field';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../../api/http';
import { sessionKey, signIn } from '../auth.api';
import { clearSignedOutOnPurpose, useSessionQuery } from '../hooks/use-session';
import { AuthFrame } from './auth-frame';

/** Where the guard sent the user from; only same-app paths, never another origin. */
export function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (
    typeof from === 'string' &&
    from.startsWith('/') &&
    !from.startsWith('//') &&
    !from.startsWith('/sign-in')
  ) {
    return from;
  }
  return '/';
}

function signInErrorMessage(error: unknown): string {
  if (!isApiError(error)) return 'Sign-in failed. Try again.';
  switch (error.code) {
    case 'invalid_credentials':
      return 'The email or password is not right. Check both and try again; passwords are case-sensitive.';
    case 'rate_limited': {
      const wait =
        error.retryAfterSeconds !== null && error.retryAfterSeconds > 0
          ? `${Math.ceil(error.retryAfterSeconds / 60)} minute${error.retryAfterSeconds > 60 ? 's' : ''}`
          : 'a few minutes';
      return `Too many sign-in attempts. Wait ${wait} before trying again, or ask a workspace admin to check your account.`;
    }
    case 'validation_failed':
      return error.issues.map((issue) => issue.message).join(' ') || error.message;
    default:
      return error.message;
  }
}

export function SignInPage() {
  const session = useSessionQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});

  const mutation = useMutation({
    mutationFn: signIn,
    meta: { inlineErrors: true },
    onSuccess: (info) => {
      clearSignedOutOnPurpose();
      queryClient.setQueryData(sessionKey, info);
      void navigate(redirectTarget(location.state), { replace: true });
    },
  });

  if (session.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (session.data && !mutation.isPending) return <Navigate to={redirectTarget(location.state)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: typeof fieldErrors = {};
    if (!email.trim()) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    mutation.mutate({ email: email.trim(), password });
  };

  return (
    <AuthFrame title="Sign in" subtitle="Use the email and password of your Firebreak account.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {mutation.isError && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} title="Could not sign in" role="alert">
              {signInErrorMessage(mutation.error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
            autoFocus
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" fullWidth loading={mutation.isPending} mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
