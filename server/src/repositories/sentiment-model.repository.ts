// Reads and writes sentiment model files (JSON snapshots, see domain/sentiment/sentiment-model-snapshot.ts).
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentimentModel } from '../domain/sentiment/sentiment-model';
import {
  SentimentModelFormatError,
  sentimentModelFromSnapshot,
  sentimentModelToSnapshot,
} from '../domain/sentiment/sentiment-model-snapshot';

/** The model Firebreak ships, trained on the SemEval 2013–2016 pool (see docs/sentiment.md); found from any cwd. */
export const builtinSentimentModelPath = fileURLToPath(
  new URL('../../../models/sentiment/builtin.json', import.meta.url),
);

/** A model file that is missing, unreadable or not a usable model; the message names the path. */
export class SentimentModelFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`sentiment model ${path}: ${reason}`);
    this.name = 'SentimentModelFileError';
  }
}

export class SentimentModelRepository {
  private readonly loaded = new Map<string, Promise<SentimentModel>>();

  /** Loads (once per path, then from memory) the model at `path`, the built-in one by default. */
  load(path: string = builtinSentimentModelPath): Promise<SentimentModel> {
    let model = this.loaded.get(path);
    if (model === undefined) {
      model = this.read(path);
      this.loaded.set(path, model);
      model.catch(() => this.loaded.delete(path));
    }
    return model;
  }

  private async read(path: string): Promise<SentimentModel> {
    let content: string;
    try {
      content = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SentimentModelFileError(
        path,
        code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw new SentimentModelFileError(path, 'is not JSON');
    }
    try {
      return sentimentModelFromSnapshot(parsed);
    } catch (error) {
      if (error instanceof SentimentModelFormatError) {
        throw new SentimentModelFileError(path, error.message);
      }
      throw error;
    }
  }

  /** Writes the model to `path` atomically (a temporary file, then a rename), creating its folder. */
  async save(path: string, model: SentimentModel): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      await writeFile(temporary, `${JSON.stringify(sentimentModelToSnapshot(model), null, 2)}\n`);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    this.loaded.delete(path);
  }
}
