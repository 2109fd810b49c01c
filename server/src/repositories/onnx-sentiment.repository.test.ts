import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeTinyOnnxModel } from '../../test/fixtures/tiny-onnx-model';
import { MentionScorer } from '../domain/sentiment/mention-scorer';
import { isOnnxModelDirectory, OnnxSentimentRepository } from './onnx-sentiment.repository';
import { SentimentModelFileError } from './sentiment-model.repository';

describe('OnnxSentimentRepository (a tiny hand-built ONNX classifier)', () => {
  let root: string;
  let directory: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'firebreak-onnx-'));
    directory = await writeTinyOnnxModel(join(root, 'tiny'));
  });
  after(async () => rm(root, { recursive: true, force: true }));

  it('loads the model from the directory and returns softmax probabilities mapped to the three labels', async () => {
    const model = await new OnnxSentimentRepository().load(directory);
    const [positive, negative] = await model.predictBatch(['Great flight, LOVE it', 'awful bad flight']);
    // "great flight love it": great, flight, love, [UNK] ("," and "it" are unknown → neutral one-hot) …
    // tokens: great flight , love it → means [0, 3/5, 2/5] → logits [0, 2.4, 1.6].
    const e = [Math.exp(0), Math.exp(2.4), Math.exp(1.6)];
    const s = e[0]! + e[1]! + e[2]!;
    assert.equal(positive!.label, 'neutral');
    assert.ok(Math.abs(positive!.probabilities.neutral - e[1]! / s) < 1e-5);
    assert.ok(Math.abs(positive!.probabilities.positive - e[2]! / s) < 1e-5);
    // awful bad flight → mean [2/3, 1/3, 0] → logits [8/3, 4/3, 0].
    const f = [Math.exp(8 / 3), Math.exp(4 / 3), 1];
    const t = f[0]! + f[1]! + f[2]!;
    assert.equal(negative!.label, 'negative');
    assert.ok(Math.abs(negative!.probabilities.negative - f[0]! / t) < 1e-5);
    assert.ok(Math.abs(negative!.confidence - f[0]! / t) < 1e-5);
    const sum =
      negative!.probabilities.negative + negative!.probabilities.neutral + negative!.probabilities.positive;
    assert.ok(Math.abs(sum - 1) < 1e-6);
  });

  it('scores an empty text and any bytes without throwing', async () => {
    const model = await new OnnxSentimentRepository().load(directory);
    const [empty, junk] = await model.predictBatch(['', '\u0000\uFFFD\uD800 ☃']);
    assert.equal(empty!.label, 'neutral');
    assert.equal(junk!.label, 'neutral');
  });

  it('maps a two-class model (NEGATIVE/POSITIVE) with no neutral probability', async () => {
    const two = await writeTinyOnnxModel(join(root, 'two'), ['NEGATIVE', 'LABEL_X', 'POSITIVE']);
    const model = await new OnnxSentimentRepository().load(two);
    const [p] = await model.predictBatch(['good good great']);
    assert.equal(p!.label, 'positive');
    assert.equal(p!.probabilities.neutral, 0);
    assert.ok(Math.abs(p!.probabilities.negative + p!.probabilities.positive - 1) < 1e-6);
  });

  it('feeds the pipeline through MentionScorer.prepare, and leaves non-English texts unscored', async () => {
    const model = await new OnnxSentimentRepository().load(directory);
    const scorer = new MentionScorer(model);
    const texts = ['I hate the awful bad bad flight', 'Je déteste ce vol, il était horrible et en retard'];
    await scorer.prepare(texts);
    const english = scorer.assess(texts[0]!, null);
    assert.equal(english.language, 'en');
    assert.equal(english.label, 'negative');
    const french = scorer.assess(texts[1]!, null);
    assert.equal(french.language, 'fr');
    assert.equal(french.unscored, true);
    assert.equal(french.label, null);
  });

  it('names the directory and the problem when a file is missing or the tokenizer is not WordLevel', async () => {
    const repository = new OnnxSentimentRepository();
    await assert.rejects(repository.load(join(root, 'missing')), (e: unknown) => {
      assert.ok(e instanceof SentimentModelFileError);
      assert.match(e.message, /has no model\.onnx/);
      return true;
    });
    const bpe = await writeTinyOnnxModel(join(root, 'bpe'));
    await writeFile(join(bpe, 'tokenizer.json'), JSON.stringify({ model: { type: 'BPE', vocab: {} } }));
    await assert.rejects(repository.load(bpe), /model type "BPE" is not supported/);
    assert.equal(await isOnnxModelDirectory(directory), true);
    assert.equal(await isOnnxModelDirectory(root), false);
  });
});
