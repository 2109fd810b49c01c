// What the listening pipeline calls for each mention: the language (platform tag, else detected), and a sentiment
// only where the model reads that language; other texts are marked unscored instead of guessed. A brand's
// calibration (fitted on its members' relabels, see brand-calibration.ts) replaces the model's decision for that
// brand's mentions. Models that score asynchronously (ONNX) are run once per batch in `prepare`.
import type { BrandCalibration } from './brand-calibration';
import { applyBrandCalibration } from './brand-calibration';
import {
  detectLanguage,
  isLatinOrSymbols,
  primaryLanguage,
  toIso639_1,
  undeterminedLanguage,
} from './language';
import type { SentimentDriver, SentimentLabel, SentimentProbabilities } from './sentiment-scorer';

export type Prediction = {
  label: SentimentLabel;
  probabilities: SentimentProbabilities;
  confidence: number;
};

/** A model the pipeline can use: synchronous (`predict`), or batched and asynchronous (`predictBatch`). */
export type MentionModel = {
  /** Two-letter codes of the languages the model was trained on (`['en']` for the built-in model). */
  readonly languages: readonly string[];
  predict?(text: string): Prediction;
  predictBatch?(texts: readonly string[]): Promise<Prediction[]>;
  /** Raw logits (negative, neutral, positive) for brand calibration; models without it are not calibrated. */
  logits?(text: string): [number, number, number] | undefined;
  /** The tokens that pushed `text` toward `label`, strongest first (models that cannot tell leave it out). */
  drivers?(text: string, label: SentimentLabel): SentimentDriver[];
};

export type MentionSentiment = {
  /** Two-letter code (`en`) when known, else ISO 639-3 (`yor`), or `und`. */
  language: string;
  /** True when the model does not read the language: label, probabilities and confidence are null. */
  unscored: boolean;
  label: SentimentLabel | null;
  probabilities: SentimentProbabilities | null;
  confidence: number | null;
};

/** The language a mention is in: the platform's tag when it sent one, else detected from the text. */
export function mentionLanguage(text: string, platformLang?: string | null): string {
  return primaryLanguage(platformLang) ?? toIso639_1(detectLanguage(text).language);
}

/** Whether a model reading `languages` should score a text in `language` (an undetermined Latin/emoji text: yes). */
export function isScorable(text: string, language: string, languages: readonly string[]): boolean {
  if (languages.includes(language)) return true;
  return language === undeterminedLanguage && isLatinOrSymbols(text);
}

export class MentionScorer {
  private readonly calibrations = new Map<string, BrandCalibration>();
  private readonly prepared = new Map<string, Prediction>();

  constructor(readonly model: MentionModel) {}

  /** Uses `calibration` for mentions of `brandId` from now on (null: back to the model's own decision). */
  setBrandCalibration(brandId: string, calibration: BrandCalibration | null): void {
    if (calibration === null) this.calibrations.delete(brandId);
    else this.calibrations.set(brandId, calibration);
  }

  brandCalibration(brandId: string): BrandCalibration | undefined {
    return this.calibrations.get(brandId);
  }

  /** Runs an asynchronous model over a batch ahead of `assess` (a no-op for synchronous models). */
  async prepare(texts: readonly string[]): Promise<void> {
    this.prepared.clear();
    if (this.model.predict !== undefined || this.model.predictBatch === undefined) return;
    const unique = [...new Set(texts)];
    const predictions = await this.model.predictBatch(unique);
    unique.forEach((text, i) => {
      const p = predictions[i];
      if (p !== undefined) this.prepared.set(text, p);
    });
  }

  /** The mention's language and sentiment; a calibrated brand among `brandIds` (the first one) decides the label. */
  assess(text: string, platformLang?: string | null, brandIds: readonly string[] = []): MentionSentiment {
    const language = mentionLanguage(text, platformLang);
    if (!isScorable(text, language, this.model.languages)) {
      return { language, unscored: true, label: null, probabilities: null, confidence: null };
    }
    const byBrand = this.brandPrediction(text, brandIds);
    if (byBrand) return { language, unscored: false, ...byBrand.prediction };
    const prediction = this.model.predict?.(text) ?? this.prepared.get(text);
    if (prediction === undefined) {
      return { language, unscored: true, label: null, probabilities: null, confidence: null };
    }
    return { language, unscored: false, ...prediction };
  }

  /**
   * `assess` for one mention someone is looking at: also which brand's calibration decided (null: the model's own
   * decision) and the tokens that drove the label. Asynchronous models are run on the text alone.
   */
  async explain(
    text: string,
    platformLang?: string | null,
    brandIds: readonly string[] = [],
  ): Promise<MentionSentimentExplanation> {
    const language = mentionLanguage(text, platformLang);
    const unscored = {
      language,
      unscored: true,
      label: null,
      probabilities: null,
      confidence: null,
      brandId: null,
      drivers: [],
    };
    if (!isScorable(text, language, this.model.languages)) return unscored;
    const byBrand = this.brandPrediction(text, brandIds);
    const prediction =
      byBrand?.prediction ??
      this.model.predict?.(text) ??
      (await this.model.predictBatch?.([text]).catch(() => undefined))?.[0];
    if (prediction === undefined) return unscored;
    return {
      language,
      unscored: false,
      ...prediction,
      brandId: byBrand?.brandId ?? null,
      drivers: this.model.drivers?.(text, prediction.label) ?? [],
    };
  }

  /** The decision of the first of `brandIds` with a calibration, when the model gives logits for the text. */
  private brandPrediction(
    text: string,
    brandIds: readonly string[],
  ): { brandId: string; prediction: Prediction } | undefined {
    for (const brandId of brandIds) {
      const calibration = this.calibrations.get(brandId);
      const logits = calibration && this.model.logits?.(text);
      if (calibration && logits) return { brandId, prediction: applyBrandCalibration(calibration, logits) };
    }
    return undefined;
  }
}

export type MentionSentimentExplanation = MentionSentiment & {
  /** The brand whose calibration decided the label; null for the model's own decision. */
  brandId: string | null;
  drivers: SentimentDriver[];
};

/** What the built-in model (SentimentModel) offers the pipeline; English only. */
export type BuiltinLikeModel = {
  predict(text: string): Prediction;
  logitsInto(text: string, out: Float64Array): { tokens: { count: number } };
  driversFor?(text: string, label: SentimentLabel): SentimentDriver[];
};

/** The built-in model as a MentionModel: English, synchronous, with raw logits for brand calibrations. */
export function builtinMentionModel(
  model: BuiltinLikeModel,
  languages: readonly string[] = ['en'],
): MentionModel {
  const buffer = new Float64Array(3);
  return {
    languages,
    predict: (text) => model.predict(text),
    logits: (text) => {
      try {
        if (model.logitsInto(text, buffer).tokens.count === 0) return undefined;
      } catch {
        return undefined;
      }
      return [buffer[0]!, buffer[1]!, buffer[2]!];
    },
    ...(model.driversFor ? { drivers: model.driversFor.bind(model) } : {}),
  };
}

/**
 * The pipeline's one call per mention: a MentionScorer decides language, brand calibration and unscored; any other
 * scorer (a bare model, in tests and older wiring) scores every text as before, its language left to the platform.
 */
export function assessMention(
  scorer: MentionScorer | { predict?(text: string): Prediction; score(text: string): Prediction },
  text: string,
  platformLang: string | null | undefined,
  brandIds: readonly string[],
): MentionSentiment {
  if (scorer instanceof MentionScorer) return scorer.assess(text, platformLang, brandIds);
  const p = scorer.predict ? scorer.predict(text) : scorer.score(text);
  return {
    language: primaryLanguage(platformLang) ?? undeterminedLanguage,
    unscored: false,
    label: p.label,
    probabilities: p.probabilities,
    confidence: p.confidence,
  };
}
