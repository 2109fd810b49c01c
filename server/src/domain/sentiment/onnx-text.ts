// The pure half of the optional ONNX sentiment model: reading its tokenizer (a Hugging Face `tokenizer.json` with a
// WordLevel model, or a plain `vocab.txt`, one token a line) and `config.json` (`id2label`), turning a text into
// token ids, and the model's output logits into negative/neutral/positive probabilities. The session itself lives in
// repositories/onnx-sentiment.repository.ts.
import type { SentimentLabel, SentimentProbabilities } from './sentiment-scorer';

export class OnnxModelFormatError extends Error {}

export type WordLevelVocabulary = {
  vocab: Map<string, number>;
  unknownId: number;
  lowercase: boolean;
  /** Ids added around every text (`[CLS]` … `[SEP]`) when the tokenizer names them. */
  prefix: number[];
  suffix: number[];
  maxLength: number;
};

/** Reads a Hugging Face `tokenizer.json` whose `model.type` is WordLevel (WordPiece and BPE are not supported). */
export function parseWordLevelTokenizer(value: unknown): WordLevelVocabulary {
  const root = value as {
    model?: Record<string, unknown>;
    normalizer?: unknown;
    truncation?: unknown;
  } | null;
  const model = root?.model;
  if (typeof model !== 'object' || model === null) {
    throw new OnnxModelFormatError('tokenizer.json has no model');
  }
  if (model.type !== 'WordLevel') {
    throw new OnnxModelFormatError(
      `tokenizer.json model type ${JSON.stringify(model.type)} is not supported (only WordLevel)`,
    );
  }
  const entries = model.vocab;
  if (typeof entries !== 'object' || entries === null) {
    throw new OnnxModelFormatError('tokenizer.json has no vocab');
  }
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(entries)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new OnnxModelFormatError(
        `tokenizer.json vocab id of ${JSON.stringify(token)} is not a whole number`,
      );
    }
    vocab.set(token, id);
  }
  const unk = typeof model.unk_token === 'string' ? model.unk_token : '[UNK]';
  const unknownId = vocab.get(unk) ?? 0;
  const lowercase = JSON.stringify(root?.normalizer ?? null).includes('Lowercase');
  const truncation = root?.truncation as { max_length?: unknown } | null | undefined;
  const maxLength = typeof truncation?.max_length === 'number' ? truncation.max_length : 128;
  return { vocab, unknownId, lowercase, prefix: [], suffix: [], maxLength };
}

/** Reads a `vocab.txt` (one token a line, id = line number; `[UNK]` if present is the unknown token). */
export function parseVocabularyLines(content: string): WordLevelVocabulary {
  const vocab = new Map<string, number>();
  content.split(/\r?\n/).forEach((line, i) => {
    if (line !== '' && !vocab.has(line)) vocab.set(line, i);
  });
  if (vocab.size === 0) throw new OnnxModelFormatError('vocab.txt is empty');
  return {
    vocab,
    unknownId: vocab.get('[UNK]') ?? 0,
    lowercase: true,
    prefix: [],
    suffix: [],
    maxLength: 128,
  };
}

/** Token ids of `text`: lower-cased (if the tokenizer says so), split into words and single punctuation marks. */
export function encodeWordLevel(vocabulary: WordLevelVocabulary, text: string): number[] {
  const source = (vocabulary.lowercase ? text.toLowerCase() : text).slice(0, 5000);
  const words = source.match(/[\p{L}\p{N}_'#@]+|[^\s\p{L}\p{N}]/gu) ?? [];
  const room = Math.max(1, vocabulary.maxLength - vocabulary.prefix.length - vocabulary.suffix.length);
  const ids = words.slice(0, room).map((w) => vocabulary.vocab.get(w) ?? vocabulary.unknownId);
  if (ids.length === 0) ids.push(vocabulary.unknownId);
  return [...vocabulary.prefix, ...ids, ...vocabulary.suffix];
}

/**
 * Which of the model's output classes is negative, neutral and positive, from `config.json`'s `id2label`. Names are
 * matched loosely (`NEGATIVE`, `neg`, `LABEL_NEG`, `1 star`…); generic `LABEL_0..2` names of a 3-class model are
 * read in the cardiffnlp order (0 negative, 1 neutral, 2 positive). A 2-class model has no neutral.
 */
export function mapLabels(config: unknown): (SentimentLabel | undefined)[] {
  const id2label = (config as { id2label?: Record<string, unknown> } | null)?.id2label;
  if (typeof id2label !== 'object' || id2label === null) {
    throw new OnnxModelFormatError('config.json has no id2label');
  }
  const size = Math.max(...Object.keys(id2label).map(Number)) + 1;
  if (!Number.isInteger(size) || size < 2 || size > 64) {
    throw new OnnxModelFormatError('config.json id2label keys must be 0, 1, 2…');
  }
  const mapped: (SentimentLabel | undefined)[] = Array.from({ length: size }, () => undefined);
  for (const [key, name] of Object.entries(id2label)) {
    const n = String(name).toLowerCase();
    mapped[Number(key)] = /neg|bad|1 star|2 stars/.test(n)
      ? 'negative'
      : /pos|good|4 stars|5 stars/.test(n)
        ? 'positive'
        : /neu|3 stars|mixed/.test(n)
          ? 'neutral'
          : undefined;
  }
  if (mapped.every((m) => m === undefined) && size === 3) return ['negative', 'neutral', 'positive'];
  if (!mapped.includes('negative') || !mapped.includes('positive')) {
    throw new OnnxModelFormatError(
      `config.json id2label ${JSON.stringify(id2label)} does not name a negative and a positive class`,
    );
  }
  return mapped;
}

/** Softmax over one row of logits, summed per sentiment class; the label is the most probable class. */
export function sentimentFromLogits(
  logits: ArrayLike<number>,
  labels: readonly (SentimentLabel | undefined)[],
): { label: SentimentLabel; probabilities: SentimentProbabilities; confidence: number } {
  let max = -Infinity;
  for (let i = 0; i < labels.length; i++) max = Math.max(max, Number(logits[i] ?? 0));
  const e = labels.map((_, i) => Math.exp(Number(logits[i] ?? 0) - max));
  const total = e.reduce((a, b) => a + b, 0);
  const probabilities: SentimentProbabilities = { negative: 0, neutral: 0, positive: 0 };
  let mappedTotal = 0;
  labels.forEach((label, i) => {
    if (label === undefined) return;
    probabilities[label] += e[i]! / total;
    mappedTotal += e[i]! / total;
  });
  // Classes that are not a sentiment (rare) are dropped and the rest renormalised.
  if (mappedTotal > 0) {
    probabilities.negative /= mappedTotal;
    probabilities.neutral /= mappedTotal;
    probabilities.positive /= mappedTotal;
  }
  const label = (['negative', 'neutral', 'positive'] as const).reduce((best, l) =>
    probabilities[l] > probabilities[best] ? l : best,
  );
  return { label, probabilities, confidence: probabilities[label] };
}
