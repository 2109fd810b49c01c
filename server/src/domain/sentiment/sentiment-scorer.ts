/** The three sentiment classes, in the order every array in this folder uses (index 0, 1, 2). */
export const sentimentLabels = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof sentimentLabels)[number];

export type SentimentProbabilities = { negative: number; neutral: number; positive: number };

/** A word, hashtag, emoji or emoticon of the text, and how much it pushed toward the predicted label (in logit units). */
export type SentimentDriver = { token: string; weight: number };

export type SentimentScore = {
  /**
   * The decision, tuned for balanced recall over the three classes: each class's probability is weighed against
   * how common the class is, so a text that is 40% likely negative (2.5 times the base rate) can be labelled
   * negative even when neutral is at 45%. A text with nothing to read is neutral.
   */
  label: SentimentLabel;
  /** Calibrated: they sum to 1, and "0.8 negative" is right about 80% of the time on tweets like the training data. */
  probabilities: SentimentProbabilities;
  /** The probability of `label` (not always the largest of the three: see `label`). */
  confidence: number;
  /** Up to 5 tokens that pushed hardest toward `label`, strongest first; only tokens with a positive push. */
  drivers: SentimentDriver[];
};

/** Anything that can put a sentiment on a short text. Never throws, whatever the text. */
export interface SentimentScorer {
  score(text: string): SentimentScore;
}
