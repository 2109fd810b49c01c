import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './identity.table';

/**
 * A member's sentiment label on a mention, per brand the mention belongs to (one row per brand × mention; relabelling
 * again replaces it). `model_label` is what the model said when the member relabelled: the report compares the two.
 */
export const sentimentLabels = pgTable(
  'sentiment_labels',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    brandId: uuid('brand_id').notNull(),
    mentionId: uuid('mention_id').notNull(),
    label: text('label').notNull(),
    /** The mention's label from the model at relabel time; null when it was unscored (another language). */
    modelLabel: text('model_label'),
    /** Member (or API token) id; null for the CLI. */
    labelledBy: uuid('labelled_by'),
    labelledByName: text('labelled_by_name').notNull(),
    labelledAt: timestamp('labelled_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.brandId, t.mentionId] }),
    index('sentiment_labels_mention_idx').on(t.workspaceId, t.mentionId),
  ],
);

/** A brand's calibration of the sentiment model, fitted on its relabels (domain/sentiment/brand-calibration.ts). */
export const brandSentimentModels = pgTable(
  'brand_sentiment_models',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    brandId: uuid('brand_id').notNull(),
    /** { bias, temperature, offsets } */
    calibration: jsonb('calibration').notNull(),
    /** Which model it calibrates (`builtin` or the ONNX directory's name): ignored under another model. */
    baseModel: text('base_model').notNull(),
    trainedOn: integer('trained_on').notNull(),
    /** Before/after figures on the relabels (held out when there were enough). */
    report: jsonb('report').notNull(),
    trainedByName: text('trained_by_name').notNull(),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.brandId] })],
);
