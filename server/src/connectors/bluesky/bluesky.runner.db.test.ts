// End to end with the real pieces: a bluesky_jetstream source (settings.baseUrl → the fake Jetstream), the
// SourceRunner, the registry and the ingestion pipeline. Mentions are stored once, the µs cursor is persisted,
// and a restart plus a disconnect lose nothing and store nothing twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app';
import { FakeJetstream } from '../../../test/fakes/jetstream.fake';
import { systemActor } from '../../domain/actor';
import { SourceRunner } from '../../roles/source-runner';

const quiet = { info() {}, warn() {}, error() {} };

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Bluesky Jetstream source through the SourceRunner and the pipeline', () => {
  let t: TestApp;
  let fake: FakeJetstream;
  before(async () => {
    t = await createTestApp({ FIREBREAK_SECRET_KEY: Buffer.alloc(32, 2).toString('hex') });
    fake = await FakeJetstream.start();
  });
  after(async () => {
    await fake.close();
    await t.close();
  });

  const runner = () =>
    new SourceRunner(
      {
        sources: t.container.repositories.sources,
        sourceService: t.container.services.sources,
        ingestion: t.container.services.ingestion,
        logger: quiet,
      },
      { reconcileMs: 100, backoffBaseMs: 50 },
    );

  it('stores matching posts once across a restart and a disconnect, cursor persisted in µs', async () => {
    const actor = systemActor(t.workspaceId);
    await t.container.services.brands.create(actor, { name: 'Acme', keywords: ['acme'] });
    const source = await t.container.services.sources.create(actor, {
      kind: 'bluesky_jetstream',
      name: 'Bluesky',
      settings: { baseUrl: fake.baseUrl },
    });
    const stored = async (): Promise<string[]> =>
      (
        await t.container.database.query<{ external_id: string }>(
          'select external_id from mentions where source_id = $1 order by external_id',
          [source.id],
        )
      ).map((r) => r.external_id);
    const expected: string[] = [];
    const post = (text: string, match = true): void => {
      const { rkey } = fake.post('did:plc:writer', text);
      if (match) expected.push(`at://did:plc:writer/app.bsky.feed.post/${rkey}`);
    };

    const first = runner();
    await first.start();
    await until(async () => fake.openConnections > 0);
    post('acme launches an ad');
    post('nothing to see here', false);
    post('that acme ad again');
    fake.raw('{"broken json');
    await until(async () => (await stored()).length === 2);
    await first.stop();
    const row = await t.container.repositories.sources.find(t.workspaceId, source.id);
    assert.match(row!.cursor!, /^\d{16}$/);
    // The last post's time (the broken frame after it carries no readable time_us).
    assert.equal(Number(row!.cursor), fake.log.at(-2)!.time_us, 'cursor is the last event seen, committed');

    // Written while no runner listens.
    post('acme while the worker was down');
    post('acme again while down');
    const second = runner();
    await second.start();
    await until(async () => (await stored()).length === 4);
    // A network cut: the connector reconnects with a rewound cursor.
    fake.disconnectAll();
    post('acme right after the cut');
    await until(async () => (await stored()).length === 5);
    await new Promise((r) => setTimeout(r, 300));
    await second.stop();
    assert.deepEqual(await stored(), [...expected].sort());
    const after = await t.container.repositories.sources.find(t.workspaceId, source.id);
    assert.equal(Number(after!.accepted), 5);
  });
});
