// The built-in sentiment model: multinomial logistic regression (softmax over negative/neutral/positive) on
// hashed features, with a temperature that calibrates its probabilities and per-class decision offsets that
// pick the label (tuned for macro-averaged recall, so the rarer negative class is not drowned by neutral).
import { SentimentFeaturizer, type FeatureConfig } from './sentiment-features';
import {
  sentimentLabels,
  type SentimentDriver,
  type SentimentLabel,
  type SentimentScore,
  type SentimentScorer,
} from './sentiment-scorer';
import {
  emojiKind,
  emoticonKind,
  hashtagKind,
  mentionKind,
  negatedFlag,
  negationPrefix,
  numberKind,
  urlKind,
} from './tweet-tokenizer';

export const classCount = 3;

export type SentimentModelParameters = {
  features: FeatureConfig;
  /** 2^bucketBits rows of 3 weights (negative, neutral, positive), row-major. */
  weights: Float32Array;
  bias: readonly [number, number, number];
  /** Logits are divided by it before the softmax (fitted on held-out data; 1 = as trained). */
  temperature: number;
  /** Added to the log-probabilities to choose the label; does not change the probabilities. */
  decisionOffsets: readonly [number, number, number];
  /** Class frequencies in the training texts: the probabilities of a text with no token at all (labelled neutral). */
  priors: readonly [number, number, number];
};

/** What the model knows about how it was made: data, options, held-out figures. Free-form, kept in the model file. */
export type SentimentModelProvenance = Record<string, unknown>;

/** A score without drivers: what the CLI streams. */
export type SentimentPrediction = Omit<SentimentScore, 'drivers'>;

const driverCount = 5;

export class SentimentModel implements SentimentScorer {
  private readonly featurizer: SentimentFeaturizer;
  private readonly logits = new Float64Array(classCount);
  private readonly probabilities = new Float64Array(classCount);
  private tokenWeights = new Float64Array(64);

  constructor(
    readonly parameters: SentimentModelParameters,
    readonly provenance: SentimentModelProvenance = {},
  ) {
    const expected = 2 ** parameters.features.bucketBits * classCount;
    if (parameters.weights.length !== expected) {
      throw new RangeError(
        `a model with ${parameters.features.bucketBits} bucket bits needs ${expected} weights, got ${parameters.weights.length}`,
      );
    }
    this.featurizer = new SentimentFeaturizer(parameters.features);
  }

  /** Raw (uncalibrated) logits of `text` into `out`; returns the featurizer, whose buffers hold this text's features. */
  logitsInto(text: string, out: Float64Array): SentimentFeaturizer {
    const { weights, bias } = this.parameters;
    const features = this.featurizer.extract(text);
    let negative = bias[0];
    let neutral = bias[1];
    let positive = bias[2];
    const { buckets, values } = features;
    for (let i = 0; i < features.count; i++) {
      const row = (buckets[i] ?? 0) * classCount;
      const value = values[i] ?? 0;
      negative += value * (weights[row] ?? 0);
      neutral += value * (weights[row + 1] ?? 0);
      positive += value * (weights[row + 2] ?? 0);
    }
    out[0] = negative;
    out[1] = neutral;
    out[2] = positive;
    return this.featurizer;
  }

  /** Calibrated probabilities of `text` into `out` (negative, neutral, positive); returns the label's index. */
  probabilitiesInto(text: string, out: Float64Array): number {
    let tokenCount = 0;
    try {
      tokenCount = this.logitsInto(text, this.logits).tokens.count;
    } catch {
      // Never throw on input; answer as for an empty text.
      tokenCount = 0;
    }
    if (tokenCount === 0) {
      // Nothing to read (empty, blanks, stray symbols): no sentiment, and the base rates as probabilities.
      const { priors } = this.parameters;
      out[0] = priors[0];
      out[1] = priors[1];
      out[2] = priors[2];
      return 1;
    }
    return this.decide(this.logits, out);
  }

  private decide(logits: Float64Array, out: Float64Array): number {
    const { temperature, decisionOffsets } = this.parameters;
    const a = (logits[0] ?? 0) / temperature;
    const b = (logits[1] ?? 0) / temperature;
    const c = (logits[2] ?? 0) / temperature;
    const max = Math.max(a, b, c);
    const ea = Math.exp(a - max);
    const eb = Math.exp(b - max);
    const ec = Math.exp(c - max);
    const sum = ea + eb + ec;
    out[0] = ea / sum;
    out[1] = eb / sum;
    out[2] = ec / sum;
    // argmax of log p + offset; the shared log-sum cancels, so compare scaled logits directly.
    const da = a + decisionOffsets[0];
    const db = b + decisionOffsets[1];
    const dc = c + decisionOffsets[2];
    if (da > db && da >= dc) {
      return 0;
    }
    return dc > db ? 2 : 1;
  }

  predict(text: string): SentimentPrediction {
    const probabilities = this.probabilities;
    const index = this.probabilitiesInto(text, probabilities);
    return {
      label: sentimentLabels[index] ?? 'neutral',
      probabilities: {
        negative: probabilities[0] ?? 0,
        neutral: probabilities[1] ?? 0,
        positive: probabilities[2] ?? 0,
      },
      confidence: probabilities[index] ?? 0,
    };
  }

  score(text: string): SentimentScore {
    const prediction = this.predict(text);
    let drivers: SentimentDriver[] = [];
    try {
      // predict() left this text's tokens and features in the featurizer: no second pass.
      drivers = this.drivers(sentimentLabels.indexOf(prediction.label));
    } catch {
      drivers = [];
    }
    return { ...prediction, drivers };
  }

  /**
   * The tokens that pushed `text` hardest toward `label`, which may be another decision than the model's own (a
   * brand's retrained model, see brand-calibration.ts, moves the decision, not what each token weighs).
   */
  driversFor(text: string, label: SentimentLabel): SentimentDriver[] {
    try {
      this.predict(text);
      return this.drivers(sentimentLabels.indexOf(label));
    } catch {
      return [];
    }
  }

  /** The tokens whose features pushed the last text's logit for `labelIndex` above the other two labels' mean. */
  private drivers(labelIndex: number): SentimentDriver[] {
    const { weights, temperature } = this.parameters;
    const featurizer = this.featurizer;
    const { features, tokens } = featurizer;
    if (this.tokenWeights.length < tokens.count) {
      this.tokenWeights = new Float64Array(tokens.count * 2);
    }
    const tokenWeights = this.tokenWeights;
    tokenWeights.fill(0, 0, tokens.count);
    const other1 = (labelIndex + 1) % classCount;
    const other2 = (labelIndex + 2) % classCount;
    for (let i = 0; i < features.count; i++) {
      const owner = features.owners[i] ?? -1;
      if (owner < 0) {
        continue;
      }
      const row = (features.buckets[i] ?? 0) * classCount;
      const push =
        ((features.values[i] ?? 0) *
          ((weights[row + labelIndex] ?? 0) -
            0.5 * ((weights[row + other1] ?? 0) + (weights[row + other2] ?? 0)))) /
        temperature;
      if (features.pairs[i]) {
        // A bigram: share its push with the token before.
        tokenWeights[owner] = (tokenWeights[owner] ?? 0) + push / 2;
        tokenWeights[owner - 1] = (tokenWeights[owner - 1] ?? 0) + push / 2;
      } else {
        tokenWeights[owner] = (tokenWeights[owner] ?? 0) + push;
      }
    }
    const byToken = new Map<string, number>();
    for (let t = 0; t < tokens.count; t++) {
      const push = tokenWeights[t] ?? 0;
      if (push <= 0) {
        continue;
      }
      const token = displayToken(featurizer, t);
      byToken.set(token, (byToken.get(token) ?? 0) + push);
    }
    return [...byToken]
      .sort((x, y) => y[1] - x[1])
      .slice(0, driverCount)
      .map(([token, weight]) => ({ token, weight: Math.round(weight * 1000) / 1000 }));
  }
}

function displayToken(featurizer: SentimentFeaturizer, index: number): string {
  const { tokens } = featurizer;
  const kind = tokens.kinds[index];
  const text = tokens.texts[index] ?? '';
  const surface = tokens.text.slice(tokens.starts[index] ?? 0, tokens.ends[index] ?? 0);
  const prefix = (tokens.flags[index] ?? 0) & negatedFlag ? negationPrefix : '';
  if (kind === hashtagKind) {
    return `${prefix}#${text}`;
  }
  if (kind === mentionKind || kind === numberKind) {
    return surface.toLowerCase();
  }
  if (kind === urlKind) {
    return '<url>';
  }
  if (kind === emoticonKind || kind === emojiKind) {
    return surface;
  }
  return prefix + text;
}
