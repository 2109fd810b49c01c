// Slack: incoming webhooks and chat.postMessage (bot token) to post Block Kit messages, and verification of
// interactive requests signed with the app's signing secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type DeliveryResult, delivered, failed } from '../../domain/alerting/delivery';
import type { SlackMessage } from '../../domain/alerting/render';
import { parseRetryAfter } from '../connector-utils';
import { postForDelivery } from '../outbound-webhook/http-delivery';

export const slackApiBaseUrl = 'https://slack.com/api';

/** Incoming webhook: the channel is fixed by the URL; success answers `ok`. */
export function sendSlackWebhook(
  webhookUrl: string,
  message: SlackMessage,
  timeoutMs?: number,
): Promise<DeliveryResult> {
  return postForDelivery(webhookUrl, JSON.stringify(message), { timeoutMs });
}

/** Web API errors worth another try; every other `ok: false` error is permanent (bad token, no channel…). */
const retryableSlackErrors = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** chat.postMessage with a bot token: answers HTTP 200 with `{ ok, ts }` or `{ ok: false, error }`. */
export function sendSlackChatMessage(
  target: { botToken: string; channel: string; apiBaseUrl?: string },
  message: SlackMessage,
  timeoutMs?: number,
): Promise<DeliveryResult> {
  return postForDelivery(
    `${target.apiBaseUrl ?? slackApiBaseUrl}/chat.postMessage`,
    JSON.stringify({ channel: target.channel, ...message }),
    {
      headers: { authorization: `Bearer ${target.botToken}` },
      timeoutMs,
      inspect(status, text, headers) {
        if (status !== 200) return undefined;
        let body: { ok?: boolean; error?: string; ts?: string };
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          return failed('retryable', 'Slack answered something other than JSON', status, text.slice(0, 200));
        }
        if (body.ok) return delivered(status, body.ts ? `ts=${body.ts}` : 'ok');
        const error = body.error ?? 'unknown_error';
        return failed(
          retryableSlackErrors.has(error) ? 'retryable' : 'permanent',
          `Slack error: ${error}`,
          status,
          error,
          parseRetryAfter(headers.get('retry-after')),
        );
      },
    },
  );
}

export const slackSignatureToleranceSeconds = 5 * 60;

export type SlackSignatureFailure = 'missing_headers' | 'stale' | 'bad_signature';

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
}

/** Checks X-Slack-Signature against the raw body, refusing timestamps more than 5 minutes from now. */
export function verifySlackRequest(
  signingSecret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
  now: Date = new Date(),
): { ok: true } | { ok: false; reason: SlackSignatureFailure } {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'missing_headers' };
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > slackSignatureToleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}

export interface SlackBlockAction {
  actionId: string;
  value: string | undefined;
  userId: string;
  userName: string | null;
  teamId: string | null;
  responseUrl: string | null;
}

/** Reads a `block_actions` interaction from the form body (`payload=<json>`); undefined for anything else. */
export function parseSlackInteraction(rawBody: Buffer): SlackBlockAction[] | undefined {
  const payloadText = new URLSearchParams(rawBody.toString('utf8')).get('payload');
  if (!payloadText) return undefined;
  let payload: {
    type?: string;
    user?: { id?: string; username?: string; name?: string };
    team?: { id?: string };
    actions?: { action_id?: string; value?: string }[];
    response_url?: string;
  };
  try {
    payload = JSON.parse(payloadText) as typeof payload;
  } catch {
    return undefined;
  }
  if (payload.type !== 'block_actions' || !Array.isArray(payload.actions) || !payload.user?.id) {
    return undefined;
  }
  const user = payload.user;
  return payload.actions
    .filter((a) => typeof a.action_id === 'string')
    .map((a) => ({
      actionId: a.action_id!,
      value: typeof a.value === 'string' ? a.value : undefined,
      userId: user.id!,
      userName: user.username ?? user.name ?? null,
      teamId: payload.team?.id ?? null,
      responseUrl: payload.response_url ?? null,
    }));
}

/** A Slack user as `users.info` describes them (the email needs the `users:read.email` scope). */
export interface SlackUser {
  id: string;
  /** The handle (`name`), else the display or real name. */
  name: string | null;
  realName: string | null;
  email: string | null;
  deleted: boolean;
  isBot: boolean;
}

/**
 * `users.info` with a bot token (`GET /api/users.info?user=U…`, scope `users:read`, plus `users:read.email` for
 * `profile.email`): `{ ok: true, user }` or `{ ok: false, error }` (`user_not_found`, `missing_scope`,
 * `invalid_auth`…, or `request_failed` when Slack could not be reached or answered something else).
 */
export async function fetchSlackUser(
  target: { botToken: string; userId: string; apiBaseUrl?: string },
  timeoutMs = 5000,
): Promise<{ ok: true; user: SlackUser } | { ok: false; error: string }> {
  const url = new URL(`${target.apiBaseUrl ?? slackApiBaseUrl}/users.info`);
  url.searchParams.set('user', target.userId);
  let body: {
    ok?: boolean;
    error?: string;
    user?: {
      id?: string;
      name?: string;
      real_name?: string;
      deleted?: boolean;
      is_bot?: boolean;
      profile?: { email?: string; display_name?: string; real_name?: string };
    };
  };
  try {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${target.botToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status !== 200) return { ok: false, error: 'request_failed' };
    body = (await res.json()) as typeof body;
  } catch {
    return { ok: false, error: 'request_failed' };
  }
  if (!body.ok || !body.user?.id) return { ok: false, error: body.error ?? 'unknown_error' };
  const u = body.user;
  const text = (v: string | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return {
    ok: true,
    user: {
      id: u.id!,
      name: text(u.name) ?? text(u.profile?.display_name) ?? text(u.real_name),
      realName: text(u.real_name) ?? text(u.profile?.real_name),
      email: text(u.profile?.email)?.toLowerCase() ?? null,
      deleted: u.deleted === true,
      isBot: u.is_bot === true,
    },
  };
}
