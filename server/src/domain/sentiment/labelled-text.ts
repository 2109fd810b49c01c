// Labelled texts for training and evaluation, read from `label<TAB>text` lines (TweetEval's layout).
import { sentimentLabels } from './sentiment-scorer';

/** A text and its gold class: 0 negative, 1 neutral, 2 positive. */
export type LabelledText = { label: number; text: string };

/** A line of a labelled file that cannot be read; the message names the file, the line and the field. */
export class LabelledTextError extends Error {
  constructor(
    readonly fileName: string,
    readonly lineNumber: number,
    readonly field: 'label' | 'text',
    reason: string,
  ) {
    super(`${fileName} line ${lineNumber}: ${reason}`);
    this.name = 'LabelledTextError';
  }
}

const labelNames: ReadonlyMap<string, number> = new Map([
  ['0', 0],
  ['1', 1],
  ['2', 2],
  ...sentimentLabels.map((label, index) => [label, index] as const),
]);

/** 0/1/2 or negative/neutral/positive (any case, surrounding spaces ignored) → class index, or undefined. */
export function parseSentimentLabel(value: string): number | undefined {
  return labelNames.get(value.trim().toLowerCase());
}

/**
 * Parses `label<TAB>text` lines. Blank lines are skipped; `\r\n` endings are fine; the text is everything after
 * the first TAB. Throws LabelledTextError on the first bad line.
 */
export function parseLabelledTsv(content: string, fileName: string): LabelledText[] {
  const examples: LabelledText[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.endsWith('\r')) {
      line = line.slice(0, -1);
    }
    if (line.trim() === '') {
      continue;
    }
    const tab = line.indexOf('\t');
    if (tab < 0) {
      throw new LabelledTextError(
        fileName,
        i + 1,
        'text',
        'no TAB between the label and the text (expected label<TAB>text)',
      );
    }
    const rawLabel = line.slice(0, tab);
    const label = parseSentimentLabel(rawLabel);
    if (label === undefined) {
      const shown = rawLabel.length > 40 ? `${rawLabel.slice(0, 40)}…` : rawLabel;
      throw new LabelledTextError(
        fileName,
        i + 1,
        'label',
        `label ${JSON.stringify(shown)} is not one of 0,1,2,negative,neutral,positive`,
      );
    }
    examples.push({ label, text: line.slice(tab + 1) });
  }
  return examples;
}
