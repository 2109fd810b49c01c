// The optional ONNX sentiment model: a local directory with `model.onnx` (or `onnx/model.onnx`), a WordLevel
// `tokenizer.json` (or `vocab.txt`) and a `config.json` with `id2label`, run with onnxruntime-node's CPU runtime
// from the file path. Nothing is downloaded. See docs/sentiment.md "An ONNX model".
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import type { InferenceSession as Session } from 'onnxruntime-node';
import type { Prediction } from '../domain/sentiment/mention-scorer';
import {
  OnnxModelFormatError,
  encodeWordLevel,
  mapLabels,
  parseVocabularyLines,
  parseWordLevelTokenizer,
  sentimentFromLogits,
  type WordLevelVocabulary,
} from '../domain/sentiment/onnx-text';
import type { SentimentLabel } from '../domain/sentiment/sentiment-scorer';
import { SentimentModelFileError } from './sentiment-model.repository';

export class OnnxSentimentModel {
  /** Languages an ONNX model reads: `languages` in config.json (two-letter codes), English when it names none. */
  constructor(
    readonly directory: string,
    private readonly session: Session,
    private readonly ort: typeof Ort,
    private readonly vocabulary: WordLevelVocabulary,
    private readonly labels: (SentimentLabel | undefined)[],
    readonly languages: readonly string[],
  ) {}

  /** Scores texts one by one (no padding needed); never rejects for a text's content. */
  async predictBatch(texts: readonly string[]): Promise<Prediction[]> {
    const out: Prediction[] = [];
    for (const text of texts) out.push(await this.predictOne(text));
    return out;
  }

  async predictOne(text: string): Promise<Prediction> {
    const ids = encodeWordLevel(this.vocabulary, typeof text === 'string' ? text : '');
    const shape = [1, ids.length];
    const feeds: Record<string, InstanceType<typeof this.ort.Tensor>> = {};
    for (const name of this.session.inputNames) {
      if (name === 'attention_mask') {
        feeds[name] = new this.ort.Tensor(
          'int64',
          BigInt64Array.from(ids, () => 1n),
          shape,
        );
      } else if (name === 'token_type_ids') {
        feeds[name] = new this.ort.Tensor('int64', new BigInt64Array(ids.length), shape);
      } else {
        feeds[name] = new this.ort.Tensor(
          'int64',
          BigInt64Array.from(ids, (id) => BigInt(id)),
          shape,
        );
      }
    }
    const results = await this.session.run(feeds);
    const output = results[this.session.outputNames[0]!];
    const logits = output?.data as Float32Array | undefined;
    if (logits === undefined || logits.length < this.labels.length) {
      throw new SentimentModelFileError(this.directory, `model output has ${logits?.length ?? 0} values`);
    }
    return sentimentFromLogits(logits, this.labels);
  }
}

async function firstExisting(paths: string[]): Promise<string | undefined> {
  for (const path of paths) {
    try {
      await access(path);
      return path;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

async function readJson(path: string, directory: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SentimentModelFileError(
      directory,
      error instanceof SyntaxError ? `${path} is not JSON` : `cannot read ${path}`,
    );
  }
}

/** True when `path` is a directory holding an ONNX model (what `--model` and the configuration accept). */
export async function isOnnxModelDirectory(path: string): Promise<boolean> {
  return (await firstExisting([join(path, 'model.onnx'), join(path, 'onnx', 'model.onnx')])) !== undefined;
}

export class OnnxSentimentRepository {
  private readonly loaded = new Map<string, Promise<OnnxSentimentModel>>();

  /** Loads (once per directory) the ONNX model in `directory`. */
  load(directory: string): Promise<OnnxSentimentModel> {
    let model = this.loaded.get(directory);
    if (model === undefined) {
      model = this.read(directory);
      this.loaded.set(directory, model);
      model.catch(() => this.loaded.delete(directory));
    }
    return model;
  }

  private async read(directory: string): Promise<OnnxSentimentModel> {
    const modelPath = await firstExisting([
      join(directory, 'model.onnx'),
      join(directory, 'onnx', 'model.onnx'),
    ]);
    if (modelPath === undefined) throw new SentimentModelFileError(directory, 'has no model.onnx');
    const configPath = join(directory, 'config.json');
    const config = await readJson(configPath, directory);
    const tokenizerPath = await firstExisting([
      join(directory, 'tokenizer.json'),
      join(directory, 'vocab.txt'),
    ]);
    if (tokenizerPath === undefined) {
      throw new SentimentModelFileError(directory, 'has no tokenizer.json or vocab.txt');
    }
    let vocabulary: WordLevelVocabulary;
    let labels: (SentimentLabel | undefined)[];
    try {
      vocabulary = tokenizerPath.endsWith('.json')
        ? parseWordLevelTokenizer(await readJson(tokenizerPath, directory))
        : parseVocabularyLines(await readFile(tokenizerPath, 'utf8'));
      labels = mapLabels(config);
    } catch (error) {
      if (error instanceof OnnxModelFormatError) throw new SentimentModelFileError(directory, error.message);
      throw error;
    }
    const declared = (config as { languages?: unknown }).languages;
    const languages =
      Array.isArray(declared) && declared.every((l) => typeof l === 'string') ? declared : ['en'];
    // Loaded on first use only: the built-in model never pays for the native runtime.
    const ort = await import('onnxruntime-node');
    let session: Session;
    try {
      session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'] });
    } catch (error) {
      throw new SentimentModelFileError(
        directory,
        `model.onnx cannot be loaded (${(error as Error).message})`,
      );
    }
    return new OnnxSentimentModel(directory, session, ort, vocabulary, labels, languages);
  }
}
