import { z } from 'zod';
import { Platform } from './brand';

export const sentimentLabels = ['negative', 'neutral', 'positive'] as const;
export const SentimentLabel = z.enum(sentimentLabels);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

export const MentionAuthor = z.object({
  handle: z.string().max(300),
  name: z.string().max(300).nullable().default(null),
  followers: z.number().int().min(0).nullable().default(null),
  verified: z.boolean().default(false),
});

export const Engagement = z.object({
  likes: z.number().int().min(0).default(0),
  reposts: z.number().int().min(0).default(0),
  replies: z.number().int().min(0).default(0),
  views: z.number().int().min(0).nullable().default(null),
});
export type Engagement = z.infer<typeof Engagement>;

/**
 * A mention as any source hands it in: the JSON form of the contract used by JSONL import, the generic
 * inbound webhook and every connector's mapper. Unique per (workspace, platform, externalId).
 */
export const IncomingMention = z.object({
  platform: Platform,
  externalId: z.string().min(1).max(500),
  url: z.string().max(2000).nullable().default(null),
  author: MentionAuthor,
  text: z.string().max(20_000),
  createdAt: z.iso.datetime({ offset: true }),
  lang: z.string().max(20).nullable().default(null),
  engagement: Engagement.default({ likes: 0, reposts: 0, replies: 0, views: null }),
  /** External id of the post this one replies to, and of its thread root. */
  replyTo: z.string().max(500).nullable().default(null),
  threadId: z.string().max(500).nullable().default(null),
  /** True when the post is the brand's own (published from one of its channels). */
  isOwn: z.boolean().default(false),
});
export type IncomingMention = z.infer<typeof IncomingMention>;
export type IncomingMentionInput = z.input<typeof IncomingMention>;

export const MentionSentiment = z.object({
  label: SentimentLabel,
  score: z.number().min(-1).max(1),
  confidence: z.number().min(0).max(1),
});

/** A stored mention, as the API and the web app see it. */
export const Mention = IncomingMention.extend({
  id: z.string(),
  sourceId: z.string().nullable(),
  brandIds: z.array(z.uuid()),
  sentiment: MentionSentiment.nullable(),
  reach: z.number().min(0),
  receivedAt: z.iso.datetime(),
});
export type Mention = z.infer<typeof Mention>;

export const SentimentProbabilities = z.object({
  negative: z.number(),
  neutral: z.number(),
  positive: z.number(),
});
export type SentimentProbabilities = z.infer<typeof SentimentProbabilities>;

/** A word, hashtag, emoji or emoticon that pushed the model toward its label (`NEG_` marks a negated word). */
export const SentimentDriver = z.object({ token: z.string(), weight: z.number() });
export type SentimentDriver = z.infer<typeof SentimentDriver>;

/** A member's sentiment label for the mention, for one of its brands. */
export const MentionRelabel = z.object({
  brandId: z.uuid(),
  label: SentimentLabel,
  /** The model's label when the member relabelled; null when the mention was unscored. */
  modelLabel: SentimentLabel.nullable(),
  labelledBy: z.string(),
  labelledAt: z.iso.datetime(),
});
export type MentionRelabel = z.infer<typeof MentionRelabel>;

/**
 * How the sentiment model reads the mention now (with the brand model of its first retrained brand, if any), why,
 * and how members relabelled it. `unscored`: the model does not read `language`, so nothing is guessed.
 */
export const MentionSentimentDetail = z.object({
  /** Two-letter code (`en`) when known, else ISO 639-3 (`yor`), or `und`. */
  language: z.string(),
  unscored: z.boolean(),
  /** `builtin`, or `onnx:<directory>`. */
  model: z.string(),
  /** The brand whose retrained model decided the label; null for the general model. */
  brandModelOf: z.uuid().nullable(),
  label: SentimentLabel.nullable(),
  probabilities: SentimentProbabilities.nullable(),
  confidence: z.number().nullable(),
  /** Up to five, strongest first; empty for models that cannot tell (ONNX) and for unscored mentions. */
  drivers: z.array(SentimentDriver),
  relabels: z.array(MentionRelabel),
});
export type MentionSentimentDetail = z.infer<typeof MentionSentimentDetail>;

/** A stored mention with its raw platform payload (the evidence) and its sentiment explained. */
export const MentionDetail = Mention.extend({ raw: z.unknown(), sentimentDetail: MentionSentimentDetail });
export type MentionDetail = z.infer<typeof MentionDetail>;

const IsoTime = z.iso.datetime({ offset: true });

/** `GET /api/mentions`: filters, newest first, keyset pagination with `cursor`. */
export const ListMentionsQuery = z.object({
  brandId: z.uuid().optional(),
  platform: Platform.optional(),
  sentiment: SentimentLabel.optional(),
  lang: z.string().trim().min(2).max(20).optional(),
  minReach: z.coerce.number().min(0).optional(),
  /** Full-text search (web-search syntax: words, "phrases", -exclusions, or). */
  q: z.string().trim().min(1).max(500).optional(),
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMentionsQuery = z.input<typeof ListMentionsQuery>;

export const MentionPage = z.object({
  mentions: z.array(Mention),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type MentionPage = z.infer<typeof MentionPage>;

export const rollupBuckets = ['minute', 'hour', 'day'] as const;
export const RollupBucket = z.enum(rollupBuckets);
export type RollupBucket = z.infer<typeof RollupBucket>;

/** `GET /api/rollups`: per-platform series of one brand. Default: the last hour by minute. */
export const RollupQuery = z.object({
  brandId: z.uuid(),
  platform: Platform.optional(),
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  bucket: RollupBucket.default('minute'),
});
export type RollupQuery = z.input<typeof RollupQuery>;

export const RollupPoint = z.object({
  /** Start of the bucket (UTC). */
  t: z.iso.datetime(),
  count: z.number().int(),
  negativeCount: z.number().int(),
  reach: z.number(),
});
export type RollupPoint = z.infer<typeof RollupPoint>;

export const RollupSeries = z.object({
  brandId: z.uuid(),
  bucket: RollupBucket,
  since: z.iso.datetime(),
  until: z.iso.datetime(),
  /** One series per platform that had mentions; buckets without mentions are absent (read them as zero). */
  series: z.array(z.object({ platform: Platform, points: z.array(RollupPoint) })),
});
export type RollupSeries = z.infer<typeof RollupSeries>;

/** What one ingested batch reports (an import line, a webhook delivery, a pulled batch). */
export const IngestResult = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  /** Valid mentions that matched no brand (dropped, counted). */
  unmatched: z.number().int(),
  skipped: z.number().int(),
});
export type IngestResult = z.infer<typeof IngestResult>;

/** The live event of one committed batch (one per batch, never per mention). */
export interface MentionsIngested {
  brandIds: string[];
  /** New mentions stored by the batch. */
  count: number;
  /** Up to 50 of them, newest first. */
  mentions: Mention[];
}

/** `POST /api/demo`: the demo brand and its simulator source (the same ones on every call). */
export const DemoResult = z.object({
  brandId: z.uuid(),
  sourceId: z.uuid(),
  created: z.boolean(),
});
export type DemoResult = z.infer<typeof DemoResult>;
