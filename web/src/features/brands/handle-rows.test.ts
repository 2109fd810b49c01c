import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { handlesFromRows, newHandleRow, rowsFromHandles } from './handle-rows';

describe('handlesFromRows', () => {
  it('groups handles per platform, trimmed, skipping empty rows and repeats', () => {
    const rows = [
      newHandleRow('x', ' @acme '),
      newHandleRow('instagram', 'acme.official'),
      newHandleRow('x', ''),
      newHandleRow('x', '@acme'),
      newHandleRow('x', '@acme_help'),
    ];
    const { handles, rowKeys } = handlesFromRows(rows);
    assert.deepEqual(handles, { x: ['@acme', '@acme_help'], instagram: ['acme.official'] });
    assert.deepEqual(rowKeys.x, [rows[0]?.key, rows[4]?.key]);
  });

  it('round-trips through rowsFromHandles', () => {
    const handles = { x: ['@acme'], tiktok: ['@acme', '@acme.eu'] };
    assert.deepEqual(handlesFromRows(rowsFromHandles(handles)).handles, handles);
  });
});
