// Turns a failed request into one notification, with a title that says what kind of failure it was.
import { notifications } from '@mantine/notifications';
import { isApiError } from './http';

const titles: Record<string, string> = {
  validation_failed: 'Some values need fixing',
  forbidden: 'Not allowed',
  csrf_failed: 'Your session needs a refresh',
  not_found: 'Not found',
  conflict: 'Already exists',
  rate_limited: 'Too many requests',
  upstream_failed: 'A connected platform failed',
  network_error: 'Offline',
  internal_error: 'Something went wrong on the server',
};

export function describeError(error: unknown): { title: string; message: string } {
  if (isApiError(error)) {
    let message = error.message;
    if (error.code === 'csrf_failed') {
      message = 'Your session was renewed. Try again; if it fails again, reload the page.';
    }
    if (error.code === 'rate_limited' && error.retryAfterSeconds !== null) {
      message = `${message} Try again in ${error.retryAfterSeconds} s.`;
    }
    if (error.issues.length > 0) {
      message = error.issues
        .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
        .join('\n');
    }
    if (error.requestId && error.status >= 500) message = `${message} (request ${error.requestId})`;
    return { title: titles[error.code] ?? 'Request failed', message };
  }
  return { title: 'Something went wrong', message: error instanceof Error ? error.message : String(error) };
}

export function showErrorNotification(error: unknown, title?: string): void {
  const described = describeError(error);
  notifications.show({
    color: 'red',
    title: title ?? described.title,
    message: described.message,
    autoClose: 8000,
  });
}
