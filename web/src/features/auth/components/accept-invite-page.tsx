import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { PasswordField } from '../../../components/password-field';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/http';
import { acceptInvite, sessionKey } from '../auth.api';
import { clearSignedOutOnPurpose } from '../hooks/use-session';
import { AuthFrame } from './auth-frame';

export const minPasswordLength = 12;

function acceptErrorMessage(error: unknown): string {
  if (!isApiError(error)) return 'Could not accept the invite. Try again.';
  switch (error.code) {
    case 'invalid_token':
    case 'not_found':
      return 'This invite link is invalid, has expired or was already used. Ask the person who invited you for a new link.';
    case 'rate_limited':
      return 'Too many attempts. Wait a few minutes, then try again.';
    case 'validation_failed':
      return (
        error.issueFor('password') ?? (error.issues.map((issue) => issue.message).join(' ') || error.message)
      );
    default:
      return error.message;
  }
}

export function AcceptInvitePage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});

  const mutation = useMutation({
    mutationFn: acceptInvite,
    meta: { inlineErrors: true },
    onSuccess: (info) => {
      clearSignedOutOnPurpose();
      // A different account may have been signed in on this browser: start from a clean cache.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, info);
      void navigate('/', { replace: true });
    },
  });

  if (!token) {
    return (
      <AuthFrame title="Accept your invite">
        <Alert color="red" icon={<IconAlertCircle size={18} />} title="This link is incomplete" role="alert">
          The invite link has no token. Open the full link from your invitation, or ask for a new one.
        </Alert>
        <Text size="sm">
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </Text>
      </AuthFrame>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (password.length < minPasswordLength) next.password = `Use at least ${minPasswordLength} characters`;
    if (confirmation !== password) next.confirmation = 'The two passwords do not match';
    setErrors(next);
    if (next.password || next.confirmation) return;
    mutation.mutate({ token, password });
  };

  return (
    <AuthFrame
      title="Accept your invite"
      subtitle="Choose a password for your Firebreak account. You will be signed in right after."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {mutation.isError && (
            <Alert
              color="red"
              icon={<IconAlertCircle size={18} />}
              title="Could not accept the invite"
              role="alert"
            >
              {acceptErrorMessage(mutation.error)}
            </Alert>
          )}
          <PasswordField
            label="Password"
            description={`At least ${minPasswordLength} characters. A short sentence is easy to remember.`}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
            autoFocus
          />
          <PasswordField
            label="Confirm password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            error={errors.confirmation}
          />
          <Button type="submit" fullWidth loading={mutation.isPending} mt="xs">
            Set password and sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
