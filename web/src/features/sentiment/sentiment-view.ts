// Pure helpers for showing sentiment: the confusion matrix of members' labels against the model, per-class recall,
// figures before and after a brand's retrained model, drivers as people read them, and a mention's relabels.
import type { MentionRelabel, SentimentFigures, SentimentLabel } from '@contracts';

export const sentimentClasses = [
  'negative',
  'neutral',
  'positive',
] as const satisfies readonly SentimentLabel[];

export const sentimentNames: Record<SentimentLabel, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

export const sentimentColors: Record<SentimentLabel, string> = {
  negative: 'red',
  neutral: 'gray',
  positive: 'teal',
};

export interface MatrixCell {
  /** Members' label (the row). */
  team: SentimentLabel;
  /** The model's label (the column). */
  model: SentimentLabel;
  count: number;
  /** Share of the row: of the mentions the team called `team`, how many the model called `model`. */
  rowShare: number;
  /** On the diagonal: the model agreed with the team. */
  agrees: boolean;
}

/** The 3×3 matrix as rows of cells (rows: members' labels; columns: the model's), missing counts read as 0. */
export function matrixCells(confusion: readonly (readonly number[])[]): MatrixCell[][] {
  return sentimentClasses.map((team, i) => {
    const row = sentimentClasses.map((_, j) => confusion[i]?.[j] ?? 0);
    const total = row.reduce((a, b) => a + b, 0);
    return sentimentClasses.map((model, j) => ({
      team,
      model,
      count: row[j]!,
      rowShare: total === 0 ? 0 : row[j]! / total,
      agrees: i === j,
    }));
  });
}

/** The matrix in one string, "2,0,0;5,1,0;0,0,2" (rows: members' labels), for tests and data attributes. */
export function matrixSignature(confusion: readonly (readonly number[])[]): string {
  return matrixCells(confusion)
    .map((row) => row.map((c) => c.count).join(','))
    .join(';');
}

/** Per class, the share of the team's labels the model got right (recall); null for a class nobody used. */
export function classRecalls(
  confusion: readonly (readonly number[])[],
): Record<SentimentLabel, number | null> {
  const cells = matrixCells(confusion);
  const recall = (i: number): number | null => {
    const row = cells[i]!;
    const total = row.reduce((a, c) => a + c.count, 0);
    return total === 0 ? null : row[i]!.count / total;
  };
  return { negative: recall(0), neutral: recall(1), positive: recall(2) };
}

/** "68%", or an em dash for null/undefined/NaN. */
export function percent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** The change from `before` to `after` in percentage points: "+12 pts", "−3 pts", "±0 pts". */
export function pointsChange(before: number, after: number): string {
  const points = Math.round((after - before) * 100);
  if (points === 0) return '±0 pts';
  return `${points > 0 ? '+' : '−'}${Math.abs(points)} pts`;
}

export interface FigureRow {
  key: 'accuracy' | 'macroRecall' | 'macroF1';
  label: string;
  before: number;
  after: number;
  change: string;
  better: boolean | null;
}

/** The general model against the brand's retrained model, figure by figure. */
export function compareFigures(before: SentimentFigures, after: SentimentFigures): FigureRow[] {
  const rows: [FigureRow['key'], string][] = [
    ['accuracy', 'Accuracy'],
    ['macroRecall', 'Macro-recall'],
    ['macroF1', 'Macro-F1'],
  ];
  return rows.map(([key, label]) => {
    const b = before[key];
    const a = after[key];
    const points = Math.round((a - b) * 100);
    return {
      key,
      label,
      before: b,
      after: a,
      change: pointsChange(b, a),
      better: points === 0 ? null : points > 0,
    };
  });
}

/**
 * A driver token as people read it: the model marks a word inside a negation with `NEG_` ("not good" gives
 * `NEG_good`); shown as the word, flagged negated.
 */
export function readDriver(token: string): { text: string; negated: boolean } {
  if (token.startsWith('NEG_') && token.length > 4) return { text: token.slice(4), negated: true };
  return { text: token, negated: false };
}

/**
 * The team's label of a mention, when its relabels (one per brand) agree; null when there are none or they
 * differ (relabelled differently per brand through the API).
 */
export function agreedRelabel(relabels: readonly MentionRelabel[]): SentimentLabel | null {
  const first = relabels[0]?.label ?? null;
  return first !== null && relabels.every((r) => r.label === first) ? first : null;
}

/** Replaces a mention's relabels for `brandIds` by the new one (what the cache holds after a relabel). */
export function withRelabel(
  relabels: readonly MentionRelabel[],
  next: {
    brandIds: readonly string[];
    label: SentimentLabel;
    modelLabel: SentimentLabel | null;
    labelledBy: string;
    labelledAt: string;
  },
): MentionRelabel[] {
  const kept = relabels.filter((r) => !next.brandIds.includes(r.brandId));
  return [
    ...kept,
    ...next.brandIds.map((brandId) => ({
      brandId,
      label: next.label,
      modelLabel: next.modelLabel,
      labelledBy: next.labelledBy,
      labelledAt: next.labelledAt,
    })),
  ];
}

/** "Unscored (language fr)": what a mention the model does not read shows instead of a guess. */
export function unscoredText(language: string | null | undefined): string {
  const code = language && language !== 'und' ? language : 'unknown';
  return `Unscored (language ${code})`;
}
