import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuePathSegments } from './issue-path';

describe('issuePathSegments', () => {
  it('splits dotted, slashed and bracketed paths from the API', () => {
    assert.deepEqual(issuePathSegments('handles.x.0'), ['handles', 'x', '0']);
    assert.deepEqual(issuePathSegments('/handles/x/0'), ['handles', 'x', '0']);
    assert.deepEqual(issuePathSegments('keywords[2]'), ['keywords', '2']);
  });

  it('drops a leading "body" segment', () => {
    assert.deepEqual(issuePathSegments('body.name'), ['name']);
  });

  it('stringifies zod path arrays', () => {
    assert.deepEqual(issuePathSegments(['handles', 'x', 1]), ['handles', 'x', '1']);
  });
});
