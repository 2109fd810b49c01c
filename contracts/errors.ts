import { z } from 'zod';

/** Machine-readable error codes; every 4xx/5xx body is `{ error: { code, message } }`. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'invalid_token',
  'upstream_failed',
  'internal_error',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** Where in the refused text the problem is (a brand query's syntax error), 0-based. */
    position: z.number().int().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
