// A fake Slack on 127.0.0.1: incoming webhooks (`POST /services/...` → `ok`), `POST /api/chat.postMessage`
// (bot token) and `GET /api/users.info?user=U…` (bot token; the users a test adds to `users`). It checks Block Kit basics the way Slack does (invalid_blocks), records accepted messages, and
// can be told to fail the next requests (429 with Retry-After, 5xx, 404, hang-ups).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FakeHttpServer, sendJson, startFakeHttp } from './fake-http';
import { FailureScript } from './scripted-failures';

export interface SlackFake extends FakeHttpServer {
  /** A webhook URL the fake accepts. */
  webhookUrl: string;
  apiBaseUrl: string;
  botToken: string;
  /** Accepted messages, in order (`channel` set for chat.postMessage). */
  messages: { text: string; blocks: Record<string, unknown>[]; channel?: string }[];
  /** Workspace users that `users.info` knows, by id (`email` is `profile.email`). */
  users: Map<string, { name: string; realName?: string; email?: string; deleted?: boolean }>;
  /** `users.info` requests, by user id, in order. */
  userLookups: string[];
  script: FailureScript;
}

const blockTypes = new Set([
  'header',
  'section',
  'context',
  'actions',
  'divider',
  'image',
  'rich_text',
  'input',
]);

/** Problems Slack would report as invalid_blocks (a subset of its checks), or [] when the payload is fine. */
export function blockKitProblems(payload: unknown): string[] {
  const problems: string[] = [];
  const p = payload as { text?: unknown; blocks?: unknown };
  if (typeof p !== 'object' || p === null) return ['payload is not an object'];
  if (typeof p.text !== 'string' || p.text.length === 0) {
    problems.push('text (the notification fallback) is missing');
  }
  if (!Array.isArray(p.blocks)) return [...problems, 'blocks is not an array'];
  if (p.blocks.length === 0 || p.blocks.length > 50) problems.push('blocks must hold 1 to 50 blocks');
  const plain = (t: unknown, max: number, where: string): void => {
    const o = t as { type?: unknown; text?: unknown };
    if (
      o?.type !== 'plain_text' ||
      typeof o.text !== 'string' ||
      o.text.length === 0 ||
      o.text.length > max
    ) {
      problems.push(`${where} must be plain_text of 1..${max} characters`);
    }
  };
  const textObj = (t: unknown, max: number, where: string): void => {
    const o = t as { type?: unknown; text?: unknown };
    if (
      (o?.type !== 'mrkdwn' && o?.type !== 'plain_text') ||
      typeof o.text !== 'string' ||
      o.text.length > max
    ) {
      problems.push(`${where} must be a text object of at most ${max} characters`);
    }
  };
  const actionIds = new Set<string>();
  p.blocks.forEach((raw, i) => {
    const b = raw as Record<string, unknown>;
    if (!blockTypes.has(b.type as string)) return void problems.push(`blocks[${i}].type is unknown`);
    if (b.type === 'header') plain(b.text, 150, `blocks[${i}].text`);
    if (b.type === 'section') {
      if (b.text === undefined && b.fields === undefined) problems.push(`blocks[${i}] needs text or fields`);
      if (b.text !== undefined) textObj(b.text, 3000, `blocks[${i}].text`);
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length > 10) {
          problems.push(`blocks[${i}].fields: at most 10`);
        } else b.fields.forEach((f, j) => textObj(f, 2000, `blocks[${i}].fields[${j}]`));
      }
    }
    if (b.type === 'context') {
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) {
        problems.push(`blocks[${i}].elements: 1 to 10`);
      } else b.elements.forEach((e, j) => textObj(e, 3000, `blocks[${i}].elements[${j}]`));
    }
    if (b.type === 'actions') {
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) {
        return void problems.push(`blocks[${i}].elements: 1 to 25`);
      }
      b.elements.forEach((raw2, j) => {
        const e = raw2 as Record<string, unknown>;
        const where = `blocks[${i}].elements[${j}]`;
        if (e.type !== 'button') return;
        plain(e.text, 75, `${where}.text`);
        if (typeof e.action_id !== 'string' || e.action_id.length > 255) problems.push(`${where}.action_id`);
        else if (actionIds.has(e.action_id)) problems.push(`${where}.action_id is not unique`);
        else actionIds.add(e.action_id);
        if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) {
          problems.push(`${where}.value`);
        }
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') {
          problems.push(`${where}.style`);
        }
      });
    }
  });
  return problems;
}

export async function startSlackFake(): Promise<SlackFake> {
  const script = new FailureScript();
  const messages: SlackFake['messages'] = [];
  const users: SlackFake['users'] = new Map();
  const userLookups: string[] = [];
  const botToken = 'xoxb-fake-token';
  const handle = (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void => {
    const failure = script.take();
    if (failure?.hangUp) return void req.socket.destroy();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'text/plain', ...failure.headers });
      return void res.end(failure.body ?? 'fake failure');
    }
    if (url.pathname === '/api/users.info') {
      // Slack's Web API answers HTTP 200 with `ok` either way.
      if (req.headers.authorization !== `Bearer ${botToken}`) {
        return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
      }
      const id = url.searchParams.get('user') ?? '';
      userLookups.push(id);
      const user = users.get(id);
      if (!user) return sendJson(res, 200, { ok: false, error: 'user_not_found' });
      return sendJson(res, 200, {
        ok: true,
        user: {
          id,
          team_id: 'T1',
          name: user.name,
          deleted: user.deleted ?? false,
          real_name: user.realName ?? user.name,
          is_bot: false,
          profile: {
            real_name: user.realName ?? user.name,
            display_name: user.name,
            ...(user.email ? { email: user.email } : {}),
          },
        },
      });
    }
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return void res.end('invalid_payload');
    }
    if (url.pathname.startsWith('/services/')) {
      if (url.pathname !== '/services/T000/B000/secretpart') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return void res.end('no_service');
      }
      if (blockKitProblems(payload).length > 0) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        return void res.end('invalid_blocks');
      }
      messages.push(payload as SlackFake['messages'][number]);
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('ok');
    }
    if (url.pathname === '/api/chat.postMessage') {
      if (req.headers.authorization !== `Bearer ${botToken}`) {
        return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
      }
      if (typeof payload.channel !== 'string') {
        return sendJson(res, 200, { ok: false, error: 'channel_not_found' });
      }
      if (blockKitProblems(payload).length > 0) {
        return sendJson(res, 200, { ok: false, error: 'invalid_blocks' });
      }
      messages.push(payload as SlackFake['messages'][number]);
      return sendJson(res, 200, { ok: true, channel: payload.channel, ts: `${Date.now() / 1000}` });
    }
    res.writeHead(404);
    res.end();
  };
  const server = await startFakeHttp(handle);
  return {
    ...server,
    webhookUrl: `${server.baseUrl}/services/T000/B000/secretpart`,
    apiBaseUrl: `${server.baseUrl}/api`,
    botToken,
    messages,
    users,
    userLookups,
    script,
  };
}
