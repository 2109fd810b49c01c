import type { ErrorCode } from '../../contracts';

/** An expected, operational failure: the HTTP layer answers `{ error: { code, message } }` with `status`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} was not found in this workspace`, 404);
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message, 409);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action. Ask a workspace admin.') {
    super('forbidden', message, 403);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first, or send an API token as "Authorization: Bearer <token>".') {
    super('unauthenticated', message, 401);
  }
}
export class InvalidError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('validation_failed', message, 400, details);
  }
}
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many attempts. Wait ${retryAfterSeconds} seconds and try again.`, 429);
  }
}
