import { z } from 'zod';
import { SentimentLabel } from './mention';

/** A member's label for a mention's sentiment; for one of its brands, or (no brandId) for all of them. */
export const RelabelSentimentInput = z.object({
  label: SentimentLabel,
  brandId: z.uuid().optional(),
});
export type RelabelSentimentInput = z.infer<typeof RelabelSentimentInput>;

export const SentimentRelabel = z.object({
  mentionId: z.uuid(),
  brandIds: z.array(z.uuid()),
  label: SentimentLabel,
  /** The model's label when the member relabelled; null when the mention was unscored (another language). */
  modelLabel: SentimentLabel.nullable(),
  labelledBy: z.string(),
  labelledAt: z.iso.datetime(),
});
export type SentimentRelabel = z.infer<typeof SentimentRelabel>;

export const SentimentFigures = z.object({
  count: z.number().int(),
  accuracy: z.number(),
  macroRecall: z.number(),
  macroF1: z.number(),
  /** Rows: the members' labels; columns: the model's (negative, neutral, positive). */
  confusion: z.array(z.array(z.number().int())),
});
export type SentimentFigures = z.infer<typeof SentimentFigures>;

export const BrandSentimentModelInfo = z.object({
  baseModel: z.string(),
  trainedOn: z.number().int(),
  trainedAt: z.iso.datetime(),
  trainedBy: z.string(),
  heldOut: z.boolean(),
  evaluatedOn: z.number().int(),
  before: SentimentFigures,
  after: SentimentFigures,
});
export type BrandSentimentModelInfo = z.infer<typeof BrandSentimentModelInfo>;

export const SentimentReport = z.object({
  brandId: z.uuid(),
  labels: z.array(z.string()),
  /** Relabelled mentions (one per mention for this brand). */
  relabelled: z.number().int(),
  /** Relabels whose mention the model had left unscored (not in the confusion matrix). */
  unscored: z.number().int(),
  /** Members' labels against what the model said when they relabelled. */
  model: SentimentFigures,
  /** The brand's calibrated model, if retrained; null otherwise. */
  brandModel: BrandSentimentModelInfo.nullable(),
  /** Relabels needed before a retrain is accepted. */
  retrainMinimum: z.number().int(),
});
export type SentimentReport = z.infer<typeof SentimentReport>;

/** `POST /api/brands/:id/sentiment-model/retrain`, and the `sentiment.retrained` live event. */
export const SentimentRetrainResult = z.object({ brandId: z.uuid(), brandModel: BrandSentimentModelInfo });
export type SentimentRetrainResult = z.infer<typeof SentimentRetrainResult>;
