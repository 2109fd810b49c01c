// Members' sentiment relabels and the per-brand calibrations fitted on them (tables in sentiment-label.table.ts).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { brandSentimentModels, mentions, sentimentLabels } from '../db/schema';
import { AuditRepository } from './audit.repository';
import { EventRepository } from './event.repository';

export type SentimentLabelRow = typeof sentimentLabels.$inferSelect;
export type BrandSentimentModelRow = typeof brandSentimentModels.$inferSelect;

/** A relabel with its mention's text (what a retrain scores again). */
export type RelabelledMention = {
  mentionId: string;
  label: string;
  modelLabel: string | null;
  text: string;
  lang: string | null;
  labelledAt: Date;
};

export type MentionForLabel = {
  id: string;
  brandIds: string[];
  sentimentLabel: string | null;
};

export class SentimentLabelRepository {
  constructor(private readonly db: Db) {}

  async findMention(workspaceId: string, mentionId: string): Promise<MentionForLabel | undefined> {
    const [row] = await this.db
      .select({ id: mentions.id, brandIds: mentions.brandIds, sentimentLabel: mentions.sentimentLabel })
      .from(mentions)
      .where(and(eq(mentions.workspaceId, workspaceId), eq(mentions.id, mentionId)))
      .limit(1);
    return row;
  }

  /** Inserts or replaces the label of each (brand, mention). */
  async upsert(rows: SentimentLabelRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(sentimentLabels)
      .values(rows)
      .onConflictDoUpdate({
        target: [sentimentLabels.workspaceId, sentimentLabels.brandId, sentimentLabels.mentionId],
        set: {
          label: sql`excluded.label`,
          modelLabel: sql`excluded.model_label`,
          labelledBy: sql`excluded.labelled_by`,
          labelledByName: sql`excluded.labelled_by_name`,
          labelledAt: sql`excluded.labelled_at`,
        },
      });
  }

  /** The relabels of one mention (one per brand), oldest first. */
  async listForMention(workspaceId: string, mentionId: string): Promise<SentimentLabelRow[]> {
    return this.db
      .select()
      .from(sentimentLabels)
      .where(and(eq(sentimentLabels.workspaceId, workspaceId), eq(sentimentLabels.mentionId, mentionId)))
      .orderBy(sentimentLabels.labelledAt, sentimentLabels.brandId);
  }

  /** The brand's relabels with their mentions' text, oldest first (stable order: the held-out split is seeded). */
  async listForBrand(workspaceId: string, brandId: string): Promise<RelabelledMention[]> {
    return this.db
      .select({
        mentionId: sentimentLabels.mentionId,
        label: sentimentLabels.label,
        modelLabel: sentimentLabels.modelLabel,
        text: mentions.text,
        lang: mentions.lang,
        labelledAt: sentimentLabels.labelledAt,
      })
      .from(sentimentLabels)
      .innerJoin(
        mentions,
        and(
          eq(mentions.workspaceId, sentimentLabels.workspaceId),
          eq(mentions.id, sentimentLabels.mentionId),
        ),
      )
      .where(and(eq(sentimentLabels.workspaceId, workspaceId), eq(sentimentLabels.brandId, brandId)))
      .orderBy(sentimentLabels.labelledAt, sentimentLabels.mentionId);
  }

  async findModel(workspaceId: string, brandId: string): Promise<BrandSentimentModelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(brandSentimentModels)
      .where(
        and(eq(brandSentimentModels.workspaceId, workspaceId), eq(brandSentimentModels.brandId, brandId)),
      )
      .limit(1);
    return row;
  }

  /** Every brand calibration of every workspace (brand ids are unique): loaded once when the scorer starts. */
  async listModels(): Promise<BrandSentimentModelRow[]> {
    return this.db.select().from(brandSentimentModels);
  }

  async saveModel(row: BrandSentimentModelRow): Promise<void> {
    await this.db
      .insert(brandSentimentModels)
      .values(row)
      .onConflictDoUpdate({
        target: [brandSentimentModels.workspaceId, brandSentimentModels.brandId],
        set: {
          calibration: row.calibration,
          baseModel: row.baseModel,
          trainedOn: row.trainedOn,
          report: row.report,
          trainedByName: row.trainedByName,
          trainedAt: row.trainedAt,
        },
      });
  }
}

/** Repositories bound to one transaction: the relabel or brand model, its audit-log row and its live event. */
export interface SentimentUnitOfWork {
  labels: SentimentLabelRepository;
  audit: AuditRepository;
  events: EventRepository;
}

export type SentimentTransact = <T>(work: (uow: SentimentUnitOfWork) => Promise<T>) => Promise<T>;

export function createSentimentTransact(db: Db): SentimentTransact {
  return (work) =>
    db.transaction((tx) =>
      work({
        labels: new SentimentLabelRepository(tx as unknown as Db),
        audit: new AuditRepository(tx as unknown as Db),
        events: new EventRepository(tx as unknown as Db),
      }),
    );
}
