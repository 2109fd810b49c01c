import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Brand,
  MentionDetail,
  MentionPage,
  SentimentRelabel,
  SentimentReport,
} from '../../../../contracts';
import { IncomingMention } from '../../../../contracts';
import { systemActor } from '../../domain/actor';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/app';

// Status updates the built-in model reads as negative ("delayed"), that this brand's team calls neutral.
const neutralUpdates = [
  'Parcelo update: your parcel is delayed at the depot, new delivery date tomorrow',
  'Parcelo parcel delayed at the sorting centre, arriving Monday',
  'Parcelo: delivery rescheduled because of the storm',
  'Parcelo tracking says delayed, next attempt Friday',
  'Parcelo shipment delayed at customs, expected next week',
  'Parcelo parcel delayed at the hub, arriving Wednesday',
];
const negatives = [
  'Parcelo lost my parcel and nobody answers, terrible',
  'Parcelo is the worst courier ever',
];
const positives = ['Love Parcelo, fastest delivery ever!', 'Parcelo delivered early, great service'];
const french = 'Parcelo a perdu mon colis et personne ne répond, c’est vraiment inadmissible';

describe('sentiment routes (relabel → report → retrain)', () => {
  let t: TestApp;
  let marketer: SignedIn;
  let viewer: SignedIn;
  let legal: SignedIn;
  let brand: Brand;
  let other: Brand;
  const ids = new Map<string, string>();

  async function ingest(texts: string[], prefix: string) {
    await t.container.services.ingestion.ingest(t.workspaceId, {
      mentions: texts.map((text, i) =>
        IncomingMention.parse({
          platform: 'x',
          externalId: `${prefix}${i}`,
          author: { handle: `a${i}` },
          text,
          createdAt: new Date(Date.now() - (100 - i) * 60_000).toISOString(),
        }),
      ),
      nextCursor: null,
      skipped: 0,
    });
    const page = (
      await t.app.inject({
        method: 'GET',
        url: '/api/mentions?limit=100',
        headers: { cookie: viewer.cookie },
      })
    ).json() as MentionPage;
    for (const m of page.mentions) ids.set(m.text, m.id);
    return page;
  }

  before(async () => {
    t = await createTestApp();
    marketer = await t.signInAs('member', 'marketing');
    viewer = await t.signInAs('viewer', 'marketing');
    legal = await t.signInAs('member', 'legal');
    brand = await t.container.services.brands.create(systemActor(t.workspaceId), {
      name: 'Parcelo',
      keywords: ['parcelo'],
    });
    other = await t.container.services.brands.create(systemActor(t.workspaceId), {
      name: 'Other',
      keywords: ['zzother'],
    });
    await ingest([...neutralUpdates, ...negatives, ...positives, french], 'm');
  });
  after(() => t.close());

  const relabel = (who: SignedIn, mentionId: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/mentions/${mentionId}/sentiment-label`,
      headers: who.headers,
      payload,
    });
  const detail = async (mentionId: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/mentions/${mentionId}`,
        headers: { cookie: viewer.cookie },
      })
    ).json() as MentionDetail;
  const events = async (name: string) =>
    (
      await t.container.database.query<{ payload: Record<string, unknown> }>(
        'select payload from events where name = $1 order by id',
        [name],
      )
    ).map((r) => r.payload);
  const report = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/brands/${brand.id}/sentiment-report`,
        headers: { cookie: viewer.cookie },
      })
    ).json() as SentimentReport;

  it('stores a French mention unscored, with its detected language, instead of guessing', async () => {
    const page = (
      await t.app.inject({
        method: 'GET',
        url: '/api/mentions?limit=100',
        headers: { cookie: viewer.cookie },
      })
    ).json() as MentionPage;
    const mention = page.mentions.find((m) => m.text === french)!;
    assert.deepEqual([mention.lang, mention.sentiment], ['fr', null]);
    assert.equal(page.mentions.find((m) => m.text === positives[0])!.sentiment?.label, 'positive');
  });

  it('refuses viewers, bad labels, unknown mentions and brands the mention is not in', async () => {
    const id = ids.get(neutralUpdates[0]!)!;
    assert.equal((await relabel(viewer, id, { label: 'neutral' })).statusCode, 403);
    const bad = await relabel(marketer, id, { label: 'meh' });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { error: { code: string } }).error.code, 'validation_failed');
    assert.equal(
      (await relabel(marketer, '00000000-0000-4000-8000-000000000000', { label: 'neutral' })).statusCode,
      404,
    );
    assert.equal((await relabel(marketer, id, { label: 'neutral', brandId: other.id })).statusCode, 400);
    assert.equal((await report()).relabelled, 0);
  });

  it('refuses a retrain before enough relabels, without storing anything', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/brands/${brand.id}/sentiment-model/retrain`,
      headers: marketer.headers,
    });
    assert.equal(res.statusCode, 409);
    assert.match((res.json() as { error: { message: string } }).error.message, /at least 6/);
    assert.equal((await report()).brandModel, null);
  });

  it('records relabels (audited) and reports them against the model as a confusion matrix', async () => {
    for (const text of neutralUpdates) {
      const res = await relabel(legal, ids.get(text)!, { label: 'neutral' });
      assert.equal(res.statusCode, 200, res.body);
    }
    for (const text of negatives) {
      assert.equal((await relabel(legal, ids.get(text)!, { label: 'negative' })).statusCode, 200);
    }
    for (const text of positives) {
      assert.equal((await relabel(legal, ids.get(text)!, { label: 'positive' })).statusCode, 200);
    }
    // Relabelling again replaces the label; the French one is counted as unscored.
    const again = (
      await relabel(legal, ids.get(positives[0]!)!, { label: 'positive', brandId: brand.id })
    ).json() as SentimentRelabel;
    assert.deepEqual([again.label, again.modelLabel, again.brandIds], ['positive', 'positive', [brand.id]]);
    assert.equal((await relabel(legal, ids.get(french)!, { label: 'negative' })).statusCode, 200);

    const r = await report();
    assert.equal(r.relabelled, 11);
    assert.equal(r.unscored, 1);
    assert.equal(r.model.count, 10);
    // Rows: members' labels (negative, neutral, positive); columns: the model's. Five of six updates read negative.
    assert.deepEqual(r.model.confusion, [
      [2, 0, 0],
      [5, 1, 0],
      [0, 0, 2],
    ]);
    assert.equal(r.model.accuracy, 0.5);
    assert.equal(r.model.macroRecall, Math.round(((1 + 1 / 6 + 1) / 3) * 10_000) / 10_000);
    const audit = await t.container.services.audit.list(systemActor(t.workspaceId), {
      action: 'mention.sentiment_relabelled',
      limit: 50,
    });
    assert.equal(audit.entries.length, 12);
    assert.equal(audit.entries[0]!.targetId, ids.get(french));
  });

  it("explains a mention's sentiment in its detail: probabilities, drivers, relabels, or unscored", async () => {
    const update = await detail(ids.get(neutralUpdates[0]!)!);
    const s = update.sentimentDetail;
    assert.deepEqual(
      [s.language, s.unscored, s.model, s.brandModelOf, s.label],
      ['en', false, 'builtin', null, update.sentiment?.label],
    );
    assert.equal(s.label, 'negative');
    const p = s.probabilities!;
    assert.ok(Math.abs(p.negative + p.neutral + p.positive - 1) < 1e-3, JSON.stringify(p));
    assert.equal(s.confidence, p.negative);
    assert.ok(s.drivers.length > 0 && s.drivers.length <= 5);
    assert.ok(
      s.drivers.some((d) => d.token === 'delayed'),
      `"delayed" drives it: ${JSON.stringify(s.drivers)}`,
    );
    assert.deepEqual(
      s.relabels.map((r) => [r.brandId, r.label, r.modelLabel, r.labelledBy]),
      [[brand.id, 'neutral', 'negative', legal.info.member.email]],
    );

    const fr = (await detail(ids.get(french)!)).sentimentDetail;
    assert.deepEqual(
      [fr.language, fr.unscored, fr.label, fr.probabilities, fr.confidence, fr.drivers],
      ['fr', true, null, null, null, []],
    );
    assert.deepEqual(
      fr.relabels.map((r) => [r.label, r.modelLabel]),
      [['negative', null]],
    );
  });

  it('announces every relabel as a live event', async () => {
    const relabelled = await events('sentiment.relabelled');
    assert.equal(relabelled.length, 12);
    assert.deepEqual(relabelled.at(-1), {
      mentionId: ids.get(french),
      brandIds: [brand.id],
      label: 'negative',
      modelLabel: null,
      labelledBy: legal.info.member.email,
      labelledAt: relabelled.at(-1)!.labelledAt,
    });
  });

  it("retrains the brand's model on the relabels and uses it for the brand's new mentions", async () => {
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/brands/${brand.id}/sentiment-model/retrain`,
          headers: viewer.headers,
        })
      ).statusCode,
      403,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/brands/${brand.id}/sentiment-model/retrain`,
      headers: marketer.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    const { brandModel } = res.json() as { brandModel: NonNullable<SentimentReport['brandModel']> };
    assert.equal(brandModel.trainedOn, 10);
    assert.equal(brandModel.heldOut, false);
    assert.equal(brandModel.before.accuracy, 0.5);
    assert.ok(brandModel.after.accuracy >= 0.9, JSON.stringify(brandModel.after));
    assert.equal((await report()).brandModel?.trainedOn, 10);

    // A new status update for this brand is now neutral; the same words for another brand still read negative.
    const fresh = 'Parcelo parcel delayed at the depot, new date Tuesday';
    const unbranded = 'zzother parcel delayed at the depot, new date Tuesday';
    const page = await ingest([fresh, unbranded], 'n');
    const byText = new Map(page.mentions.map((m) => [m.text, m]));
    assert.equal(byText.get(fresh)!.sentiment?.label, 'neutral');
    assert.equal(byText.get(unbranded)!.sentiment?.label, 'negative');

    // The retrain is announced, and the detail says which model decided.
    assert.deepEqual(await events('sentiment.retrained'), [{ brandId: brand.id, brandModel }]);
    const freshDetail = (await detail(byText.get(fresh)!.id)).sentimentDetail;
    assert.deepEqual([freshDetail.brandModelOf, freshDetail.label], [brand.id, 'neutral']);
    assert.ok(freshDetail.drivers.length > 0, 'drivers toward the brand model’s label');
    const unbrandedDetail = (await detail(byText.get(unbranded)!.id)).sentimentDetail;
    assert.deepEqual([unbrandedDetail.brandModelOf, unbrandedDetail.label], [null, 'negative']);
  });
});
