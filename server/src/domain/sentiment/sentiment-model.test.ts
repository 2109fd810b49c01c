import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelledText } from './labelled-text';
import { fitTemperature, meanNegativeLogLikelihood } from './sentiment-calibration';
import { evaluateSentimentModel } from './sentiment-evaluation';
import { SentimentModel } from './sentiment-model';
import {
  decodeBase64,
  encodeBase64,
  SentimentModelFormatError,
  sentimentModelFromSnapshot,
  sentimentModelToSnapshot,
} from './sentiment-model-snapshot';
import { seededRandom, trainSentimentModel } from './sentiment-training';

// A small synthetic set: the sentiment lives in a few words, emoticons and negations; the rest is filler.
function syntheticTexts(count: number, seed: number): LabelledText[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const positive = ['love', 'great', 'awesome', 'happy', 'best', 'thanks'];
  const negative = ['hate', 'awful', 'terrible', 'worst', 'angry', 'broken'];
  const filler = ['the', 'flight', 'today', 'phone', 'update', 'team', 'game', 'at', 'my', 'new', 'this'];
  const texts: LabelledText[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 3;
    const words = [pick(filler), pick(filler), pick(filler)];
    if (label === 0) words.splice(1, 0, pick(negative));
    if (label === 2) words.splice(1, 0, pick(positive));
    if (label === 0 && random() < 0.3) words.push(':(');
    if (label === 2 && random() < 0.3) words.push(':)');
    texts.push({ label, text: words.join(' ') });
  }
  return texts;
}

const options = { epochs: 8, runs: 1, seed: 7, features: { bucketBits: 14 } } as const;

describe('trainSentimentModel', () => {
  const train = syntheticTexts(600, 1);
  const { model, report } = trainSentimentModel(train, options);

  it('learns the labels of a small synthetic set and carries them to unseen texts', () => {
    assert.equal(model.predict('i love the new update').label, 'positive');
    assert.equal(model.predict('the worst flight today').label, 'negative');
    assert.equal(model.predict('the flight at my team').label, 'neutral');
    const unseen = evaluateSentimentModel(model, syntheticTexts(300, 99));
    assert.ok(unseen.macroRecall > 0.9, `macro-recall on unseen synthetic texts was ${unseen.macroRecall}`);
    assert.ok(report.trainCount > 0 && report.holdoutCount > 0);
  });

  it('gives probabilities that sum to 1, with confidence the probability of the label', () => {
    for (const text of ['love it', 'hate it', '', 'the phone', '🙂🙂', 'x'.repeat(20_000)]) {
      const { probabilities, confidence, label } = model.predict(text);
      const sum = probabilities.negative + probabilities.neutral + probabilities.positive;
      assert.ok(
        Math.abs(sum - 1) < 1e-9,
        `probabilities of ${JSON.stringify(text.slice(0, 10))} sum to ${sum}`,
      );
      assert.equal(confidence, probabilities[label]);
    }
  });

  it('gives the same model for the same data and seed, and a different one for another seed', () => {
    const again = trainSentimentModel(train, options).model;
    assert.deepEqual(again.parameters.weights, model.parameters.weights);
    assert.deepEqual(again.parameters.bias, model.parameters.bias);
    const other = trainSentimentModel(train, { ...options, seed: 8 }).model;
    assert.notDeepEqual(other.parameters.weights, model.parameters.weights);
  });

  it('keeps the held-out loss no worse than the first epoch (it keeps the best epoch)', () => {
    const losses = report.progress.map((step) => step.holdoutLoss ?? Infinity);
    const kept = Math.min(...losses);
    assert.ok(kept <= (losses[0] ?? Infinity));
    assert.equal(losses.indexOf(kept) + 1, report.bestEpochs[0]);
  });

  it('refuses an empty training set', () => {
    assert.throws(() => trainSentimentModel([], options), RangeError);
  });
});

describe(SentimentModel.name, () => {
  const { model } = trainSentimentModel(syntheticTexts(600, 2), options);

  it('never throws, whatever the input, and answers neutral at base rates when there is nothing to read', () => {
    const odd = [
      '',
      '\r',
      '\u0000',
      '\uD800\uD800',
      '\uFFFD\uFFFD',
      '&&&&',
      '   ',
      '#',
      'a'.repeat(1_000_000),
    ];
    for (const text of odd) {
      assert.doesNotThrow(() => model.score(text));
    }
    const empty = model.score('');
    assert.equal(empty.label, 'neutral');
    assert.deepEqual(
      [empty.probabilities.negative, empty.probabilities.neutral, empty.probabilities.positive],
      [...model.parameters.priors],
    );
    assert.deepEqual(empty.drivers, []);
    assert.doesNotThrow(() => model.score(undefined as unknown as string));
  });

  it('names the words that pushed toward the label as drivers, strongest first, at most 5', () => {
    const { label, drivers } = model.score('i hate this terrible phone :(');
    assert.equal(label, 'negative');
    assert.ok(drivers.length > 0 && drivers.length <= 5);
    assert.ok(['hate', 'terrible', ':('].includes(drivers[0]?.token ?? ''), JSON.stringify(drivers));
    for (let i = 1; i < drivers.length; i++) {
      assert.ok((drivers[i - 1]?.weight ?? 0) >= (drivers[i]?.weight ?? 0));
    }
    assert.ok(drivers.every((driver) => driver.weight > 0));
  });

  it('scores the same after a round trip through its snapshot (weights quantized to a byte)', () => {
    const snapshot = JSON.parse(JSON.stringify(sentimentModelToSnapshot(model))) as unknown;
    const restored = sentimentModelFromSnapshot(snapshot);
    for (const text of ['love the team', 'worst update', 'the game today']) {
      const before = model.predict(text);
      const after = restored.predict(text);
      assert.equal(after.label, before.label);
      assert.ok(Math.abs(after.confidence - before.confidence) < 0.02);
    }
  });

  it('rejects a snapshot that is not a model, naming what is wrong', () => {
    const snapshot = sentimentModelToSnapshot(model);
    assert.throws(() => sentimentModelFromSnapshot({}), SentimentModelFormatError);
    assert.throws(() => sentimentModelFromSnapshot({ ...snapshot, version: 99 }), /version 99/);
    assert.throws(() => sentimentModelFromSnapshot({ ...snapshot, temperature: -1 }), /temperature/);
    assert.throws(
      () => sentimentModelFromSnapshot({ ...snapshot, weights: { ...snapshot.weights, data: 'AAAA' } }),
      /weights must hold/,
    );
  });
});

describe('base64', () => {
  it('round-trips every length modulo 3 and every byte value', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 256, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const text = encodeBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepEqual(decodeBase64(text), bytes);
    }
  });
});

describe('fitTemperature', () => {
  it('recovers the temperature that made over-confident logits', () => {
    // Draw labels from softmax(z), then hand the fitter 3·z: it should find a temperature near 3.
    const random = seededRandom(3);
    const count = 20_000;
    const logits = new Float64Array(count * 3);
    const gold = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const z = [random() * 4 - 2, random() * 4 - 2, random() * 4 - 2];
      const exp = z.map(Math.exp);
      const sum = exp.reduce((a, b) => a + b, 0);
      const u = random() * sum;
      gold[i] = u < (exp[0] ?? 0) ? 0 : u < (exp[0] ?? 0) + (exp[1] ?? 0) ? 1 : 2;
      logits.set(
        z.map((v) => v * 3),
        i * 3,
      );
    }
    const temperature = fitTemperature(logits, gold);
    assert.ok(Math.abs(temperature - 3) < 0.15, `fitted temperature ${temperature}`);
    assert.ok(
      meanNegativeLogLikelihood(logits, gold, temperature) < meanNegativeLogLikelihood(logits, gold, 1),
    );
  });
});
