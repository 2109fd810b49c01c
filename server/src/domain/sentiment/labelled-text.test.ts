import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelledTextError, parseLabelledTsv, parseSentimentLabel } from './labelled-text';

describe('parseLabelledTsv', () => {
  it('reads numeric and word labels, CRLF endings, TABs inside the text, and skips blank lines', () => {
    const content = '0\tbad day\r\n1\tjust a fact\n\nPositive\tgreat\tgame\n  \nnegative \t\n';
    assert.deepEqual(parseLabelledTsv(content, 'mine.tsv'), [
      { label: 0, text: 'bad day' },
      { label: 1, text: 'just a fact' },
      { label: 2, text: 'great\tgame' },
      { label: 0, text: '' },
    ]);
  });

  it('names the file, the line and the bad label', () => {
    const content = '0\tok\n1\tok\nfoo\tbad label here\n';
    assert.throws(
      () => parseLabelledTsv(content, 'train.tsv'),
      (error: unknown) =>
        error instanceof LabelledTextError &&
        error.lineNumber === 3 &&
        error.field === 'label' &&
        error.message === 'train.tsv line 3: label "foo" is not one of 0,1,2,negative,neutral,positive',
    );
  });

  it('explains a line without a TAB', () => {
    assert.throws(() => parseLabelledTsv('2 great\n', 'x.tsv'), /x\.tsv line 1: no TAB/);
  });
});

describe('parseSentimentLabel', () => {
  it('accepts 0/1/2 and the label words in any case, and nothing else', () => {
    assert.deepEqual(
      ['0', '1', '2', 'NEGATIVE', ' neutral ', 'positive'].map(parseSentimentLabel),
      [0, 1, 2, 0, 1, 2],
    );
    assert.deepEqual(['3', '-1', '', 'pos', '1.0'].map(parseSentimentLabel), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
