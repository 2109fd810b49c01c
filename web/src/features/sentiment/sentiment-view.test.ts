import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MentionRelabel, SentimentFigures } from '@contracts';
import {
  agreedRelabel,
  classRecalls,
  compareFigures,
  matrixCells,
  matrixSignature,
  percent,
  pointsChange,
  readDriver,
  unscoredText,
  withRelabel,
} from './sentiment-view';

// Rows: the team's labels; columns: the model's. Five of six neutral updates were read as negative.
const confusion = [
  [2, 0, 0],
  [5, 1, 0],
  [0, 0, 2],
];

describe('the confusion matrix', () => {
  it('gives each cell its count, its share of the row and whether the model agreed', () => {
    const cells = matrixCells(confusion);
    assert.deepEqual(cells[1]![0], {
      team: 'neutral',
      model: 'negative',
      count: 5,
      rowShare: 5 / 6,
      agrees: false,
    });
    assert.equal(cells[2]![2]!.agrees, true);
    assert.equal(cells[2]![2]!.rowShare, 1);
  });

  it('reads missing rows and cells as zero, without dividing by zero', () => {
    const cells = matrixCells([[1]]);
    assert.equal(cells.length, 3);
    assert.deepEqual(
      cells.map((row) => row.map((c) => c.count)),
      [
        [1, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    );
    assert.equal(cells[1]![1]!.rowShare, 0);
  });

  it('has a compact signature and per-class recall (null for a class nobody used)', () => {
    assert.equal(matrixSignature(confusion), '2,0,0;5,1,0;0,0,2');
    assert.deepEqual(classRecalls(confusion), { negative: 1, neutral: 1 / 6, positive: 1 });
    assert.deepEqual(
      classRecalls([
        [0, 0, 0],
        [0, 3, 1],
        [0, 0, 0],
      ]),
      {
        negative: null,
        neutral: 0.75,
        positive: null,
      },
    );
  });
});

describe('figures', () => {
  it('formats shares and changes in points', () => {
    assert.equal(percent(0.6789), '68%');
    assert.equal(percent(0.6789, 1), '67.9%');
    assert.equal(percent(null), '—');
    assert.equal(percent(Number.NaN), '—');
    assert.equal(pointsChange(0.5, 0.9), '+40 pts');
    assert.equal(pointsChange(0.8, 0.75), '−5 pts');
    assert.equal(pointsChange(0.5, 0.501), '±0 pts');
  });

  it('compares the general model with the brand model figure by figure', () => {
    const before: SentimentFigures = {
      count: 10,
      accuracy: 0.5,
      macroRecall: 0.7222,
      macroF1: 0.5,
      confusion,
    };
    const after: SentimentFigures = { ...before, accuracy: 0.9, macroRecall: 0.7222, macroF1: 0.45 };
    const rows = compareFigures(before, after);
    assert.deepEqual(
      rows.map((r) => [r.label, r.change, r.better]),
      [
        ['Accuracy', '+40 pts', true],
        ['Macro-recall', '±0 pts', null],
        ['Macro-F1', '−5 pts', false],
      ],
    );
  });
});

describe('drivers and relabels', () => {
  it('shows a negated word as the word, flagged', () => {
    assert.deepEqual(readDriver('NEG_good'), { text: 'good', negated: true });
    assert.deepEqual(readDriver('#fail'), { text: '#fail', negated: false });
    assert.deepEqual(readDriver('NEG_'), { text: 'NEG_', negated: false });
    assert.deepEqual(readDriver('😡'), { text: '😡', negated: false });
  });

  const relabel = (brandId: string, label: MentionRelabel['label']): MentionRelabel => ({
    brandId,
    label,
    modelLabel: 'negative',
    labelledBy: 'ana@acme.test',
    labelledAt: '2026-03-12T12:00:00.000Z',
  });

  it("takes the team's label when the brands' relabels agree", () => {
    assert.equal(agreedRelabel([]), null);
    assert.equal(agreedRelabel([relabel('a', 'neutral'), relabel('b', 'neutral')]), 'neutral');
    assert.equal(agreedRelabel([relabel('a', 'neutral'), relabel('b', 'positive')]), null);
  });

  it("replaces the relabels of the relabelled brands and keeps the others'", () => {
    const next = withRelabel([relabel('a', 'neutral'), relabel('b', 'neutral')], {
      brandIds: ['b', 'c'],
      label: 'positive',
      modelLabel: 'negative',
      labelledBy: 'bo@acme.test',
      labelledAt: '2026-03-12T13:00:00.000Z',
    });
    assert.deepEqual(
      next.map((r) => [r.brandId, r.label, r.labelledBy]),
      [
        ['a', 'neutral', 'ana@acme.test'],
        ['b', 'positive', 'bo@acme.test'],
        ['c', 'positive', 'bo@acme.test'],
      ],
    );
  });

  it('says which language a mention was left unscored in', () => {
    assert.equal(unscoredText('fr'), 'Unscored (language fr)');
    assert.equal(unscoredText('und'), 'Unscored (language unknown)');
    assert.equal(unscoredText(null), 'Unscored (language unknown)');
  });
});
