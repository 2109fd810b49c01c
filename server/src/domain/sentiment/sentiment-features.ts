// Turns a tokenized text into hashed, weighted features: word unigrams (NEG_ words apart), bigrams, character
// n-grams of words, and markers (hashtag, all-caps, elongation, intensified, emoticon/emoji polarity).
// Every feature is a bucket in a fixed-size table (the hashing trick), so the model never stores a vocabulary.
import { combineHashes, fmix32, fnv1a, fnvStep } from './feature-hash';
import {
  allCapsFlag,
  elongatedFlag,
  emojiKind,
  emoticonKind,
  hashtagKind,
  intensifiedFlag,
  negatedFlag,
  TokenBuffer,
  tokenizeInto,
  wordKind,
} from './tweet-tokenizer';

export type FeatureConfig = {
  /** The weight table has 2^bucketBits rows. */
  bucketBits: number;
  /** Character n-grams of each word (with its boundaries), from this length (at least 2) to charNgramMax (0 turns them off). */
  charNgramMin: number;
  charNgramMax: number;
  charNgramWeight: number;
  bigramWeight: number;
  markerWeight: number;
  /** Give words inside a negation scope character n-grams too (in their own namespace). */
  negatedCharNgrams: boolean;
  trigramWeight: number;
  /** Scale each text's feature vector to unit length. */
  normalize: boolean;
};

export const defaultFeatureConfig: FeatureConfig = {
  bucketBits: 20,
  charNgramMin: 3,
  charNgramMax: 5,
  charNgramWeight: 0.5,
  bigramWeight: 1,
  markerWeight: 1,
  negatedCharNgrams: true,
  trigramWeight: 0,
  normalize: true,
};

/** Features of one text: bucket, value, and which token produced it (-1: none; `pairs` marks bigrams with the token before). */
export class FeatureBuffer {
  count = 0;
  buckets: Int32Array;
  values: Float32Array;
  owners: Int32Array;
  pairs: Uint8Array;

  constructor(capacity = 512) {
    this.buckets = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
    this.owners = new Int32Array(capacity);
    this.pairs = new Uint8Array(capacity);
  }

  push(bucket: number, value: number, owner: number, isPair: number): void {
    if (this.count === this.buckets.length) {
      this.grow();
    }
    const i = this.count++;
    this.buckets[i] = bucket;
    this.values[i] = value;
    this.owners[i] = owner;
    this.pairs[i] = isPair;
  }

  private grow(): void {
    const capacity = this.buckets.length * 2;
    const buckets = new Int32Array(capacity);
    buckets.set(this.buckets);
    const values = new Float32Array(capacity);
    values.set(this.values);
    const owners = new Int32Array(capacity);
    owners.set(this.owners);
    const pairs = new Uint8Array(capacity);
    pairs.set(this.pairs);
    this.buckets = buckets;
    this.values = values;
    this.owners = owners;
    this.pairs = pairs;
  }
}

const seedWord = fnv1a('word');
const seedNegatedWord = fnv1a('negated word');
const seedChar = fnv1a('char');
const seedNegatedChar = fnv1a('negated char');
const markerHash = (name: string): number => fmix32(fnv1a(name, fnv1a('marker')));
const markerHashtag = markerHash('<hashtag>');
const markerAllCaps = markerHash('<allcaps>');
const markerElongated = markerHash('<elong>');
const markerIntensified = markerHash('<intens>');
const markerNegated = markerHash('<negated>');
const polarityHashes = [markerHash('<emo_neg>'), markerHash('<emo_neu>'), markerHash('<emo_pos>')] as const;
const startHash = fnv1a('<s>');
const endHash = fnv1a('</s>');
const boundaryCode = 0x2;

/** Extracts features; holds its own token and feature buffers, so keep one per scorer (not thread-safe, by design). */
export class SentimentFeaturizer {
  readonly tokens = new TokenBuffer();
  readonly features = new FeatureBuffer();
  private tokenHashes = new Int32Array(64);
  private readonly mask: number;

  constructor(readonly config: FeatureConfig) {
    this.mask = (1 << config.bucketBits) - 1;
  }

  /** Tokenizes and featurizes `text`; the result is in `this.features` (and the tokens in `this.tokens`). */
  extract(text: string): FeatureBuffer {
    const { tokens, features, config, mask } = this;
    tokenizeInto(text, tokens);
    features.count = 0;
    if (this.tokenHashes.length < tokens.count) {
      this.tokenHashes = new Int32Array(tokens.count * 2);
    }
    const hashes = this.tokenHashes;
    const marker = config.markerWeight;
    for (let t = 0; t < tokens.count; t++) {
      const kind = tokens.kinds[t] ?? 0;
      const flags = tokens.flags[t] ?? 0;
      const word = tokens.texts[t] ?? '';
      const base = fnv1a(word);
      hashes[t] = base;
      const negated = (flags & negatedFlag) !== 0;
      features.push(fmix32(base ^ (negated ? seedNegatedWord : seedWord)) & mask, 1, t, 0);
      if (kind === wordKind || kind === hashtagKind) {
        if (kind === hashtagKind) {
          features.push(markerHashtag & mask, marker, t, 0);
        }
        if (flags & allCapsFlag) {
          features.push(markerAllCaps & mask, marker, t, 0);
        }
        if (flags & elongatedFlag) {
          features.push(markerElongated & mask, marker, t, 0);
        }
        if (flags & intensifiedFlag) {
          features.push(markerIntensified & mask, marker, t, 0);
        }
        if (negated) {
          features.push(markerNegated & mask, marker, t, 0);
        }
        if (config.charNgramMax > 0 && (!negated || config.negatedCharNgrams)) {
          this.pushCharNgrams(word, t, negated ? seedNegatedChar : seedChar);
        }
      } else if (kind === emoticonKind || kind === emojiKind) {
        const polarity = tokens.polarities[t] ?? 0;
        features.push((polarityHashes[polarity + 1] ?? 0) & mask, marker, t, 0);
      }
    }
    if (config.bigramWeight > 0) {
      const weight = config.bigramWeight;
      let previous = startHash;
      for (let t = 0; t < tokens.count; t++) {
        const current = hashes[t] ?? 0;
        features.push(combineHashes(previous, current) & mask, weight, t, t > 0 ? 1 : 0);
        previous = current;
      }
      features.push(combineHashes(previous, endHash) & mask, weight, tokens.count - 1, 0);
    }
    if (config.trigramWeight > 0) {
      const weight = config.trigramWeight;
      let first = startHash;
      let second = startHash;
      for (let t = 0; t < tokens.count; t++) {
        const current = hashes[t] ?? 0;
        features.push(combineHashes(combineHashes(first, second), current) & mask, weight, t, t > 0 ? 1 : 0);
        first = second;
        second = current;
      }
    }
    if (config.normalize && features.count > 0) {
      const values = features.values;
      let sumOfSquares = 0;
      for (let i = 0; i < features.count; i++) {
        const value = values[i] ?? 0;
        sumOfSquares += value * value;
      }
      const scale = 1 / Math.sqrt(sumOfSquares);
      for (let i = 0; i < features.count; i++) {
        values[i] = (values[i] ?? 0) * scale;
      }
    }
    return features;
  }

  private pushCharNgrams(word: string, owner: number, seed: number): void {
    const { charNgramMin: min, charNgramMax: max, charNgramWeight: weight } = this.config;
    const mask = this.mask;
    const features = this.features;
    // The word with boundary marks on both ends, read as code units: index -1 and length are the boundaries.
    const length = word.length;
    for (let start = -1; start <= length; start++) {
      let hash = fnvStep(seed, start < 0 ? boundaryCode : word.charCodeAt(start));
      for (let n = 2; n <= max; n++) {
        const position = start + n - 1;
        if (position > length) {
          break;
        }
        hash = fnvStep(hash, position === length ? boundaryCode : word.charCodeAt(position));
        if (n >= min) {
          features.push(fmix32(hash) & mask, weight, owner, 0);
        }
      }
    }
  }
}
