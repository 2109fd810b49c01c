// Sentiment that people can trust: the scorer the listening pipeline uses (language-aware, per-brand calibrated),
// members' relabels of a mention's sentiment, a brand's accuracy report (their labels against the model's), and
// the retrain that fits a brand calibration on those relabels. See docs/sentiment.md "Per-brand correction".
import type {
  BrandSentimentModelInfo,
  Mention,
  MentionSentimentDetail,
  RelabelSentimentInput,
  SentimentFigures,
  SentimentRelabel,
  SentimentReport,
  SentimentRetrainResult,
} from '../../../contracts';
import { RelabelSentimentInput as RelabelInput } from '../../../contracts';
import type { Actor } from '../domain/actor';
import {
  fitBrandCalibration,
  parseBrandCalibration,
  type CalibrationFit,
} from '../domain/sentiment/brand-calibration';
import {
  isScorable,
  mentionLanguage,
  MentionScorer,
  type MentionModel,
} from '../domain/sentiment/mention-scorer';
import {
  confusionMatrix,
  metricsFromConfusion,
  type ClassificationMetrics,
} from '../domain/sentiment/sentiment-metrics';
import { sentimentLabels, type SentimentLabel } from '../domain/sentiment/sentiment-scorer';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import type { BrandRepository } from '../repositories/brand.repository';
import type { Clock } from '../repositories/clock.repository';
import type {
  BrandSentimentModelRow,
  SentimentLabelRepository,
  SentimentTransact,
} from '../repositories/sentiment-label.repository';
import { authorize } from './authorize';

/** Relabels a brand needs before its model can be retrained. */
export const retrainMinimum = 6;

export type LoadedSentimentModel = { model: MentionModel; name: string };

export type RetrainResult = SentimentRetrainResult;

export class SentimentService {
  private scorerPromise: Promise<MentionScorer> | undefined;
  private modelName: string | undefined;

  constructor(
    private readonly deps: {
      labels: SentimentLabelRepository;
      brands: BrandRepository;
      transact: SentimentTransact;
      clock: Clock;
      /** The built-in model, or the ONNX model when FIREBREAK_SENTIMENT_MODEL_DIR is set. */
      loadModel: () => Promise<LoadedSentimentModel>;
    },
  ) {}

  /** The pipeline's scorer: loaded once, with every brand calibration made for this model. */
  scorer(): Promise<MentionScorer> {
    this.scorerPromise ??= (async () => {
      const { model, name } = await this.deps.loadModel();
      this.modelName = name;
      const scorer = new MentionScorer(model);
      for (const row of await this.deps.labels.listModels()) {
        const calibration = parseBrandCalibration(row.calibration);
        if (calibration && row.baseModel === name) scorer.setBrandCalibration(row.brandId, calibration);
      }
      return scorer;
    })();
    this.scorerPromise.catch(() => (this.scorerPromise = undefined));
    return this.scorerPromise;
  }

  /** A member's sentiment for a mention, for one of its brands (or all of them); relabelling again replaces it. */
  async relabel(actor: Actor, mentionId: string, raw: RelabelSentimentInput): Promise<SentimentRelabel> {
    authorize(actor, 'sentiment.relabel');
    const parsed = RelabelInput.safeParse(raw);
    if (!parsed.success) throw new InvalidError('label must be negative, neutral or positive');
    const input = parsed.data;
    const mention = await this.deps.labels.findMention(actor.workspaceId, mentionId);
    if (!mention) throw new NotFoundError('Mention');
    if (input.brandId !== undefined && !mention.brandIds.includes(input.brandId)) {
      throw new InvalidError('The mention does not belong to that brand.', { brandId: input.brandId });
    }
    const brandIds = input.brandId !== undefined ? [input.brandId] : mention.brandIds;
    const modelLabel = asLabel(mention.sentimentLabel);
    const at = this.deps.clock.now();
    const relabel: SentimentRelabel = {
      mentionId,
      brandIds,
      label: input.label,
      modelLabel,
      labelledBy: actor.label,
      labelledAt: at.toISOString(),
    };
    await this.deps.transact(async (uow) => {
      await uow.labels.upsert(
        brandIds.map((brandId) => ({
          workspaceId: actor.workspaceId,
          brandId,
          mentionId,
          label: input.label,
          modelLabel,
          labelledBy: actor.kind === 'system' ? null : actor.id,
          labelledByName: actor.label,
          labelledAt: at,
        })),
      );
      await uow.audit.append(actor, {
        action: 'mention.sentiment_relabelled',
        targetType: 'mention',
        targetId: mentionId,
        summary: { label: input.label, modelLabel, brandIds },
      });
      await uow.events.append(actor.workspaceId, 'sentiment.relabelled', relabel);
    });
    return relabel;
  }

  /**
   * A mention's sentiment explained, for its detail view: how the model (with a brand's calibration, if one
   * decides) reads it now, the tokens that drove that, or the language it left unscored; and members' relabels.
   */
  async explain(
    actor: Actor,
    mention: Pick<Mention, 'id' | 'text' | 'lang' | 'brandIds'>,
  ): Promise<MentionSentimentDetail> {
    authorize(actor, 'sentiment.read');
    const scorer = await this.scorer();
    const [explanation, relabels] = await Promise.all([
      scorer.explain(mention.text, mention.lang, mention.brandIds),
      this.deps.labels.listForMention(actor.workspaceId, mention.id),
    ]);
    return {
      language: explanation.language,
      unscored: explanation.unscored,
      model: this.modelName ?? 'builtin',
      brandModelOf: explanation.brandId,
      label: explanation.label,
      probabilities: explanation.probabilities && {
        negative: round(explanation.probabilities.negative),
        neutral: round(explanation.probabilities.neutral),
        positive: round(explanation.probabilities.positive),
      },
      confidence: explanation.confidence === null ? null : round(explanation.confidence),
      drivers: explanation.drivers,
      relabels: relabels.flatMap((r) => {
        const label = asLabel(r.label);
        return label === null
          ? []
          : [
              {
                brandId: r.brandId,
                label,
                modelLabel: asLabel(r.modelLabel),
                labelledBy: r.labelledByName,
                labelledAt: r.labelledAt.toISOString(),
              },
            ];
      }),
    };
  }

  /** The brand's accuracy report: members' labels against the model's at relabel time, and its brand model. */
  async report(actor: Actor, brandId: string): Promise<SentimentReport> {
    authorize(actor, 'sentiment.read');
    await this.brandOf(actor, brandId);
    const rows = await this.deps.labels.listForBrand(actor.workspaceId, brandId);
    const scored = rows.filter((r) => asLabel(r.modelLabel) !== null && asLabel(r.label) !== null);
    const matrix = confusionMatrix(
      scored.map((r) => labelIndex(r.label)),
      scored.map((r) => labelIndex(r.modelLabel!)),
    );
    const stored = await this.deps.labels.findModel(actor.workspaceId, brandId);
    return {
      brandId,
      labels: [...sentimentLabels],
      relabelled: rows.length,
      unscored: rows.length - scored.length,
      model: figures(metricsFromConfusion(matrix)),
      brandModel: stored ? brandModelInfo(stored) : null,
      retrainMinimum,
    };
  }

  /**
   * Fits the brand's calibration of the current model on its relabels (texts the model cannot read are left out),
   * stores it, and uses it for the brand's mentions from now on. Figures compare the model without and with it on
   * held-out relabels when there are enough (see brand-calibration.ts).
   */
  async retrain(actor: Actor, brandId: string): Promise<RetrainResult> {
    authorize(actor, 'sentiment.retrain');
    await this.brandOf(actor, brandId);
    const scorer = await this.scorer();
    const model = scorer.model;
    if (model.logits === undefined || model.predict === undefined) {
      throw new ConflictError(
        'This sentiment model cannot be calibrated per brand (only the built-in model can).',
      );
    }
    const rows = (await this.deps.labels.listForBrand(actor.workspaceId, brandId)).filter((r) =>
      isScorable(r.text, mentionLanguage(r.text, r.lang), model.languages),
    );
    const usable: { logits: [number, number, number]; gold: number; modelLabel: number }[] = [];
    for (const r of rows) {
      const logits = model.logits(r.text);
      if (logits === undefined || asLabel(r.label) === null) continue;
      usable.push({ logits, gold: labelIndex(r.label), modelLabel: labelIndex(model.predict(r.text).label) });
    }
    if (usable.length < retrainMinimum) {
      throw new ConflictError(
        `Relabel at least ${retrainMinimum} of the brand's mentions first (${usable.length} so far).`,
      );
    }
    const logits = new Float64Array(usable.length * 3);
    usable.forEach((u, i) => logits.set(u.logits, i * 3));
    const fit = fitBrandCalibration(
      logits,
      usable.map((u) => u.gold),
      usable.map((u) => u.modelLabel),
    );
    const row: BrandSentimentModelRow = {
      workspaceId: actor.workspaceId,
      brandId,
      calibration: fit.calibration,
      baseModel: this.modelName ?? 'builtin',
      trainedOn: fit.trainedOn,
      report: reportOf(fit),
      trainedByName: actor.label,
      trainedAt: this.deps.clock.now(),
    };
    const result: RetrainResult = { brandId, brandModel: brandModelInfo(row) };
    await this.deps.transact(async (uow) => {
      await uow.labels.saveModel(row);
      await uow.audit.append(actor, {
        action: 'brand.sentiment_model_retrained',
        targetType: 'brand',
        targetId: brandId,
        summary: {
          trainedOn: fit.trainedOn,
          heldOut: fit.heldOut,
          evaluatedOn: fit.evaluatedOn,
          macroRecallBefore: round(fit.before.macroRecall),
          macroRecallAfter: round(fit.after.macroRecall),
        },
      });
      await uow.events.append(actor.workspaceId, 'sentiment.retrained', result);
    });
    scorer.setBrandCalibration(brandId, fit.calibration);
    return result;
  }

  private async brandOf(actor: Actor, brandId: string): Promise<void> {
    const brand = await this.deps.brands.find(actor.workspaceId, brandId);
    if (!brand) throw new NotFoundError('Brand');
  }
}

function asLabel(value: string | null): SentimentLabel | null {
  return (sentimentLabels as readonly string[]).includes(value ?? '') ? (value as SentimentLabel) : null;
}

function labelIndex(label: string): number {
  return Math.max(0, (sentimentLabels as readonly string[]).indexOf(label));
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function figures(m: ClassificationMetrics): SentimentFigures {
  return {
    count: m.count,
    accuracy: round(m.accuracy),
    macroRecall: round(m.macroRecall),
    macroF1: round(m.macroF1),
    confusion: m.confusion,
  };
}

type StoredReport = Pick<BrandSentimentModelInfo, 'heldOut' | 'evaluatedOn' | 'before' | 'after'>;

function reportOf(fit: CalibrationFit): StoredReport {
  return {
    heldOut: fit.heldOut,
    evaluatedOn: fit.evaluatedOn,
    before: figures(fit.before),
    after: figures(fit.after),
  };
}

function brandModelInfo(row: BrandSentimentModelRow): BrandSentimentModelInfo {
  const report = row.report as StoredReport;
  return {
    baseModel: row.baseModel,
    trainedOn: row.trainedOn,
    trainedAt: row.trainedAt.toISOString(),
    trainedBy: row.trainedByName,
    ...report,
  };
}
