// A fake Teams Workflows webhook on 127.0.0.1: accepts only the `{ type: 'message', attachments: [Adaptive
// Card] }` envelope (202 like the Workflows trigger), records cards, and can be told to fail the next requests.
import { type FakeHttpServer, startFakeHttp } from './fake-http';
import { FailureScript } from './scripted-failures';

export interface TeamsFake extends FakeHttpServer {
  webhookUrl: string;
  cards: Record<string, unknown>[];
  script: FailureScript;
}

/** What the Workflows trigger (and Teams' card renderer) would refuse; [] when the envelope is fine. */
export function adaptiveCardEnvelopeProblems(payload: unknown): string[] {
  const problems: string[] = [];
  const p = payload as { type?: unknown; attachments?: unknown };
  if (p?.type !== 'message') problems.push('type must be "message"');
  if (!Array.isArray(p?.attachments) || p.attachments.length === 0) {
    return [...problems, 'attachments is empty'];
  }
  (p.attachments as Record<string, unknown>[]).forEach((a, i) => {
    if (a.contentType !== 'application/vnd.microsoft.card.adaptive') {
      problems.push(`attachments[${i}].contentType`);
    }
    const c = a.content as Record<string, unknown> | undefined;
    if (c?.type !== 'AdaptiveCard') return void problems.push(`attachments[${i}].content.type`);
    if (typeof c.version !== 'string' || !/^1\.[0-6]$/.test(c.version)) {
      problems.push(`attachments[${i}].content.version`);
    }
    if (!Array.isArray(c.body) || c.body.length === 0) problems.push(`attachments[${i}].content.body`);
    else {
      (c.body as Record<string, unknown>[]).forEach((el, j) => {
        if (typeof el.type !== 'string') problems.push(`body[${j}].type`);
        if (el.type === 'TextBlock' && typeof el.text !== 'string') problems.push(`body[${j}].text`);
        if (el.type === 'FactSet' && !Array.isArray(el.facts)) problems.push(`body[${j}].facts`);
      });
    }
    for (const [j, action] of ((c.actions as Record<string, unknown>[] | undefined) ?? []).entries()) {
      // A webhook-posted card has no bot behind it: only links work.
      if (action.type !== 'Action.OpenUrl') problems.push(`actions[${j}].type must be Action.OpenUrl`);
      if (typeof action.url !== 'string' || !/^https?:\/\//.test(action.url)) {
        problems.push(`actions[${j}].url`);
      }
      if (typeof action.title !== 'string') problems.push(`actions[${j}].title`);
    }
  });
  return problems;
}

export async function startTeamsFake(): Promise<TeamsFake> {
  const script = new FailureScript();
  const cards: Record<string, unknown>[] = [];
  const server = await startFakeHttp((req, res, url, body) => {
    const failure = script.take();
    if (failure?.hangUp) return void req.socket.destroy();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      return void res.end(failure.body ?? '{"error":{"code":"fake"}}');
    }
    if (
      url.pathname !== '/workflows/abc/triggers/manual/paths/invoke' ||
      url.searchParams.get('sig') !== 'sas-secret'
    ) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return void res.end('{"error":{"code":"DirectApiAuthorizationRequired"}}');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      res.writeHead(400);
      return void res.end('{"error":{"code":"InvalidRequestContent"}}');
    }
    const problems = adaptiveCardEnvelopeProblems(payload);
    if (problems.length > 0) {
      res.writeHead(400, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({ error: { code: 'InvalidTemplate', message: problems.join('; ') } }),
      );
    }
    cards.push((payload as { attachments: { content: Record<string, unknown> }[] }).attachments[0]!.content);
    res.writeHead(202);
    res.end();
  });
  return {
    ...server,
    webhookUrl: `${server.baseUrl}/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=sas-secret`,
    cards,
    script,
  };
}
