// A webhook consumer on 127.0.0.1 that verifies Standard Webhooks signatures on its own (its own HMAC code, not
// the sender's), checks the timestamp window, drops redeliveries by webhook-id, and can fail the next requests.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type FakeHttpServer, startFakeHttp } from './fake-http';
import { FailureScript } from './scripted-failures';

export interface WebhookReceiverFake extends FakeHttpServer {
  url: string;
  /** Verified deliveries (first delivery of each webhook-id). */
  deliveries: { id: string; timestamp: number; body: Record<string, unknown> }[];
  /** Requests refused because of their signature or timestamp. */
  refused: string[];
  script: FailureScript;
}

export async function startWebhookReceiverFake(secret: string): Promise<WebhookReceiverFake> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const script = new FailureScript();
  const deliveries: WebhookReceiverFake['deliveries'] = [];
  const refused: string[] = [];
  const server = await startFakeHttp((req, res, _url, body) => {
    const failure = script.take();
    if (failure?.hangUp) return void req.socket.destroy();
    if (failure) {
      res.writeHead(failure.status, failure.headers ?? {});
      return void res.end(failure.body ?? '');
    }
    const id = req.headers['webhook-id'];
    const ts = req.headers['webhook-timestamp'];
    const sig = req.headers['webhook-signature'];
    const refuse = (why: string): void => {
      refused.push(why);
      res.writeHead(401);
      res.end(why);
    };
    if (typeof id !== 'string' || typeof ts !== 'string' || typeof sig !== 'string') {
      return refuse('missing headers');
    }
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return refuse('stale timestamp');
    const expected = createHmac('sha256', key)
      .update(`${id}.${ts}.${body.toString('utf8')}`)
      .digest();
    const ok = sig.split(' ').some((part) => {
      const [version, b64] = part.split(',');
      if (version !== 'v1' || !b64) return false;
      const given = Buffer.from(b64, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!ok) return refuse('bad signature');
    if (!deliveries.some((d) => d.id === id)) {
      deliveries.push({
        id,
        timestamp: Number(ts),
        body: JSON.parse(body.toString('utf8')) as Record<string, unknown>,
      });
    }
    res.writeHead(204);
    res.end();
  });
  return { ...server, url: `${server.baseUrl}/hooks/firebreak`, deliveries, refused, script };
}
