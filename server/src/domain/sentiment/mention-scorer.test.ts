import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelledText } from './labelled-text';
import { builtinMentionModel, MentionScorer, type MentionModel } from './mention-scorer';
import { seededRandom, trainSentimentModel } from './sentiment-training';

// A small synthetic set (as in sentiment-model.test.ts): the sentiment lives in a few words.
function syntheticTexts(count: number): LabelledText[] {
  const random = seededRandom(3);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const positive = ['love', 'great', 'awesome', 'happy'];
  const negative = ['hate', 'awful', 'terrible', 'delayed'];
  const filler = ['the', 'parcel', 'today', 'depot', 'update', 'team', 'my', 'new', 'this'];
  return Array.from({ length: count }, (_, i) => {
    const label = i % 3;
    const words = [pick(filler), pick(filler), pick(filler)];
    if (label === 0) words.splice(1, 0, pick(negative));
    if (label === 2) words.splice(1, 0, pick(positive));
    return { label, text: words.join(' ') };
  });
}

describe('MentionScorer.explain', () => {
  const { model } = trainSentimentModel(syntheticTexts(600), {
    epochs: 8,
    runs: 1,
    seed: 7,
    features: { bucketBits: 14 },
  });
  const text = 'my parcel is delayed at the depot again today';

  it("gives the model's reading of an English text with the words that drove it", async () => {
    const scorer = new MentionScorer(builtinMentionModel(model));
    const explained = await scorer.explain(text, 'en', ['brand-a']);
    assert.equal(explained.unscored, false);
    assert.equal(explained.language, 'en');
    assert.equal(explained.brandId, null);
    assert.equal(explained.label, 'negative');
    assert.deepEqual(explained.label, scorer.assess(text, 'en', ['brand-a']).label);
    assert.ok(
      explained.drivers.some((d) => d.token === 'delayed'),
      JSON.stringify(explained.drivers),
    );
  });

  it('names the brand whose calibration decided, and explains that decision', async () => {
    const scorer = new MentionScorer(builtinMentionModel(model));
    // A calibration that moves every decision to neutral for brand-b.
    scorer.setBrandCalibration('brand-b', { bias: [-20, 20, -20], temperature: 1, offsets: [0, 0, 0] });
    const explained = await scorer.explain(text, 'en', ['brand-a', 'brand-b']);
    assert.deepEqual([explained.brandId, explained.label], ['brand-b', 'neutral']);
    assert.equal(explained.confidence, explained.probabilities?.neutral);
    assert.ok(explained.drivers.every((d) => d.weight > 0));
  });

  it('leaves a language the model does not read unscored, with nothing guessed', async () => {
    const scorer = new MentionScorer(builtinMentionModel(model));
    const explained = await scorer.explain('Mon colis est en retard au dépôt', 'fr', ['brand-a']);
    assert.deepEqual(explained, {
      language: 'fr',
      unscored: true,
      label: null,
      probabilities: null,
      confidence: null,
      brandId: null,
      drivers: [],
    });
  });

  it('runs an asynchronous model on the text alone, without drivers it cannot give', async () => {
    const asyncModel: MentionModel = {
      languages: ['en'],
      predictBatch: (texts) =>
        Promise.resolve(
          texts.map(() => ({
            label: 'positive' as const,
            probabilities: { negative: 0.1, neutral: 0.2, positive: 0.7 },
            confidence: 0.7,
          })),
        ),
    };
    const explained = await new MentionScorer(asyncModel).explain('what a day', 'en');
    assert.deepEqual(
      [explained.unscored, explained.label, explained.confidence, explained.drivers],
      [false, 'positive', 0.7, []],
    );
  });
});
