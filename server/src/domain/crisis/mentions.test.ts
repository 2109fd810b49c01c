import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractMentions, mentionHandle } from './mentions';

describe('extractMentions', () => {
  const members = [
    { id: 'p', email: 'Petra.PR@acme.test' },
    { id: 'l', email: 'legal@acme.test' },
  ];
  it('finds members by the @handle of their email, case-insensitively, once each, in order', () => {
    assert.equal(mentionHandle('Petra.PR@acme.test'), 'petra.pr');
    assert.deepEqual(extractMentions('@legal please check, then @petra.pr. Thanks @LEGAL', members), [
      'l',
      'p',
    ]);
  });
  it('ignores email addresses, unknown handles and a trailing full stop', () => {
    assert.deepEqual(extractMentions('write to legal@acme.test or @nobody', members), []);
    assert.deepEqual(extractMentions('over to @legal.', members), ['l']);
  });
});
