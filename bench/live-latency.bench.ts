// Live latency benchmark: how long a mention takes to reach an open Listen page. A real `firebreak serve` (PGlite
// on disk, or PostgreSQL when DATABASE_URL is set), K real SSE subscribers on /api/events (what each open browser
// tab holds), and mentions POSTed to a generic inbound webhook source (Standard Webhooks signatures) at a steady
// rate. For every mention and subscriber: the time from the moment its delivery was sent (the mention reaching
// Firebreak) to the `mentions.ingested` frame carrying it arriving at the subscriber. Target: p99 < 2 s.
//
//   npm run bench:live-latency -- [--rate 100] [--per-delivery 10] [--seconds 60] [--subscribers 5] [--db pglite|postgres]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Brand, LiveEvent, SavedSource } from '../contracts';
import { signStandardWebhook } from '../server/src/connectors/inbound-webhook/inbound-webhook.client';
import { type BenchServer, percentile, signInApi, startBenchServer } from './bench-server';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    'per-delivery': { type: 'string', default: '10' },
    seconds: { type: 'string', default: '60' },
    subscribers: { type: 'string', default: '5' },
    db: { type: 'string' },
  },
});
const rate = Number(args.rate);
const perDelivery = Math.min(50, Number(args['per-delivery'])); // a live event carries at most 50 mentions
const seconds = Number(args.seconds);
const subscriberCount = Number(args.subscribers);
const postgresUrl = process.env.DATABASE_URL || undefined;
const kind = args.db ?? (postgresUrl ? 'postgres' : 'pglite');

const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Subscriber {
  connected: Promise<void>;
  close(): void;
}

/** An EventSource-like reader of /api/events over fetch; calls `onMentions` with each batch's mentions. */
function subscribe(
  server: BenchServer,
  cookie: string,
  onMentions: (mentions: { externalId: string; receivedAt: string }[], at: number) => void,
): Subscriber {
  const abort = new AbortController();
  let markConnected: () => void = () => {};
  const connected = new Promise<void>((r) => (markConnected = r));
  void (async () => {
    const res = await fetch(`${server.url}/api/events`, { headers: { cookie }, signal: abort.signal });
    if (!res.ok || !res.body) throw new Error(`/api/events answered ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        const at = nowMs();
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.includes(': connected')) markConnected();
          if (!frame.includes('event: mentions.ingested')) continue;
          const data = frame
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          const event = JSON.parse(data) as LiveEvent<'mentions.ingested'>;
          onMentions(event.payload.mentions, at);
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return { connected, close: () => abort.abort() };
}

async function main(): Promise<void> {
  console.log(
    `live latency: firebreak serve on ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite (disk)'}, ${subscriberCount} SSE subscribers, ` +
      `${rate} mentions/s in deliveries of ${perDelivery} to an inbound webhook for ${seconds} s (load ${loadavg()[0]!.toFixed(1)})`,
  );
  const server = await startBenchServer({ postgresUrl: kind === 'postgres' ? postgresUrl : undefined });
  try {
    const api = await signInApi(server);
    const brand = await api.call<Brand>('POST', '/api/brands', {
      name: 'Northwind Air',
      keywords: ['Northwind'],
    });
    const source = await api.call<SavedSource>('POST', '/api/sources', {
      kind: 'inbound_webhook',
      name: 'Latency bench feed',
      settings: { brandId: brand.id },
    });
    const secret = source.signingSecret!;

    const sentAt = new Map<string, number>(); // delivery id → when it was sent
    const latencies: number[] = []; // sent → SSE receipt, per mention and subscriber
    const fromStored: number[] = []; // receivedAt (the commit's clock) → SSE receipt
    const seen = new Map<string, number>(); // `${subscriber}|${externalId}` count check
    let measuring = false;
    const subscribers = Array.from({ length: subscriberCount }, (_, k) =>
      subscribe(server, api.cookie, (mentions, at) => {
        for (const m of mentions) {
          const delivery = m.externalId.replace(/-\d+$/, '');
          const sent = sentAt.get(delivery);
          if (sent === undefined || !measuring) continue;
          seen.set(`${k}|${m.externalId}`, 1);
          latencies.push(at - sent);
          fromStored.push(at - Date.parse(m.receivedAt));
        }
      }),
    );
    await Promise.all(subscribers.map((s) => s.connected));

    const acks: number[] = [];
    let failures = 0;
    const deliver = async (id: string): Promise<void> => {
      const createdAt = new Date().toISOString();
      const body = JSON.stringify({
        mentions: Array.from({ length: perDelivery }, (_, j) => ({
          platform: 'news',
          externalId: `${id}-${j}`,
          author: { handle: `desk${j}`, followers: 1_000 + j },
          text: `Northwind Air flight ${id}-${j} delayed again, passengers stuck at the gate`,
          createdAt,
          lang: 'en',
        })),
      });
      const ts = Math.floor(Date.now() / 1000);
      const started = nowMs();
      sentAt.set(id, started);
      const res = await fetch(`${server.url}/api/webhooks/inbound/${source.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': `msg_${id}`,
          'webhook-timestamp': String(ts),
          'webhook-signature': signStandardWebhook(secret, `msg_${id}`, ts, body),
        },
        body,
      });
      await res.arrayBuffer();
      if (res.status === 200) acks.push(nowMs() - started);
      else failures++;
    };

    // Warm-up (sentiment model, compiled brand queries, connections): not measured.
    for (let i = 0; i < 5; i++) await deliver(`warm${i}`);
    await sleep(1_000);

    measuring = true;
    const deliveries = Math.round((rate * seconds) / perDelivery);
    const intervalMs = (perDelivery / rate) * 1000;
    const start = nowMs();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < deliveries; i++) {
      await sleep(start + i * intervalMs - nowMs());
      inFlight.push(deliver(`lat${i}`));
    }
    await Promise.all(inFlight);
    const expected = deliveries * perDelivery * subscriberCount;
    const deadline = nowMs() + 15_000;
    while (seen.size < expected && nowMs() < deadline) await sleep(100);
    const load = loadavg();
    for (const s of subscribers) s.close();

    const sorted = [...latencies].sort((a, b) => a - b);
    const stored = [...fromStored].sort((a, b) => a - b);
    const ackSorted = [...acks].sort((a, b) => a - b);
    const ms = (x: number) => `${Math.round(x)} ms`;
    const p99 = percentile(sorted, 99);
    console.log(
      [
        `  sent ${deliveries} deliveries (${(deliveries * perDelivery).toLocaleString('en')} mentions) in ${((nowMs() - start) / 1000).toFixed(1)} s; ${failures} refused`,
        `  webhook 2xx (committed): p50 ${ms(percentile(ackSorted, 50))}  p99 ${ms(percentile(ackSorted, 99))}  max ${ms(ackSorted.at(-1) ?? NaN)}`,
        `  sent → SSE frame at each subscriber (${sorted.length.toLocaleString('en')} of ${expected.toLocaleString('en')} received): ` +
          `p50 ${ms(percentile(sorted, 50))}  p90 ${ms(percentile(sorted, 90))}  p99 ${ms(p99)}  max ${ms(sorted.at(-1) ?? NaN)}`,
        `  stored (receivedAt) → SSE frame: p50 ${ms(percentile(stored, 50))}  p99 ${ms(percentile(stored, 99))}`,
        `  target p99 < 2 s: ${p99 < 2_000 && seen.size === expected ? 'met' : 'NOT met'}`,
        `  machine load (1/5/15 min) at the end: ${load.map((l) => l.toFixed(1)).join(' / ')}`,
      ].join('\n'),
    );
  } finally {
    await server.stop();
  }
}

await main();
