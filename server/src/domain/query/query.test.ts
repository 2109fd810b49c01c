import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QueryIndex, compileQuery, toMatchText } from './query-matcher';
import { QuerySyntaxError, deriveQuery, parseQuery } from './query-parser';

const matches = (query: string, text: string, lang: string | null = null, author: string | null = null) =>
  compileQuery(query)(toMatchText(text, lang, author));

function refused(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    assert.ok(error instanceof QuerySyntaxError, `expected a QuerySyntaxError for ${query}`);
    return error;
  }
  assert.fail(`query ${JSON.stringify(query)} was accepted`);
}

describe('brand query language', () => {
  it('matches words case-insensitively on word boundaries', () => {
    assert.equal(matches('acme', 'I love ACME products'), true);
    assert.equal(matches('acme', 'acmeville is nice'), false);
    assert.equal(matches('acme', 'broke my #acme phone'), true);
    assert.equal(matches('café', 'Le CAFÉ est fermé'), true);
  });

  it('matches quoted phrases as consecutive words', () => {
    assert.equal(matches('"acme air"', 'flying acme  Air today'), true);
    assert.equal(matches('"acme air"', 'acme is in the air'), false);
    assert.equal(matches('coca-cola', 'I drink Coca Cola'), true);
  });

  it('applies AND, OR, NOT, implicit AND and parentheses with the usual precedence', () => {
    const q = '(acme OR "acme corp") AND (refund OR broken) NOT giveaway';
    assert.equal(matches(q, 'acme refund please'), true);
    assert.equal(matches(q, 'acme broken giveaway'), false);
    assert.equal(matches(q, 'acme is great'), false);
    assert.equal(matches('acme refund', 'refund from acme'), true);
    assert.equal(matches('acme -refund', 'refund from acme'), false);
    assert.equal(matches('a OR b c', 'a'), true, 'AND binds tighter than OR');
    assert.equal(matches('a OR b c', 'b'), false);
    assert.equal(matches('acme and refund', 'acme'), false, 'lower-case and is a word');
  });

  it('distinguishes hashtags and handles, and matches the author handle', () => {
    assert.equal(matches('#acme', 'acme is here'), false);
    assert.equal(matches('#acme', 'hello #ACME!'), true);
    assert.equal(matches('@acme', 'hey @Acme, help'), true);
    assert.equal(matches('@acme', 'hey acme'), false);
    assert.equal(matches('@acme.bsky.social', 'cc @acme.bsky.social.'), true);
    assert.equal(matches('@acme', 'our new launch', null, 'ACME'), true);
  });

  it('filters by language', () => {
    assert.equal(matches('acme lang:fr', 'acme est là', 'fr-CA'), true);
    assert.equal(matches('acme lang:fr', 'acme is here', 'en'), false);
    assert.equal(matches('acme lang:fr', 'acme is here', null), false);
  });

  it('refuses bad queries with the position and reason', () => {
    assert.equal(refused('').position, 0);
    assert.equal(refused('acme AND').position, 5);
    assert.match(refused('acme AND').message, /AND needs a term/);
    assert.equal(refused('"acme air').position, 0);
    assert.match(refused('"acme air').message, /never closed/);
    assert.equal(refused('(acme OR foo').position, 0);
    assert.equal(refused('acme)').position, 4);
    assert.equal(refused('acme lang:english').position, 10);
    assert.equal(refused('OR acme').position, 0);
    assert.equal(refused('acme # foo').position, 5);
    assert.equal(refused('NOT acme').position, 0);
    assert.match(refused('NOT acme').message, /only excludes/);
    assert.equal(refused('acme ()').position, 5);
  });

  it('derives a query from keywords and handles', () => {
    const q = deriveQuery({
      name: 'Acme',
      keywords: ['Acme Air', 'acme'],
      handles: { x: ['@AcmeAir'], instagram: ['acme.official'] },
    });
    assert.equal(q, '"acme air" OR acme OR @acmeair OR @acme.official');
    assert.equal(deriveQuery({ name: 'Big Co', keywords: [], handles: {} }), '"big co"');
    assert.doesNotThrow(() => parseQuery(q));
  });
});

describe('QueryIndex', () => {
  it('returns every matching brand and only those, including unanchored queries', () => {
    const index = new QueryIndex([
      { id: 'acme', query: 'acme NOT giveaway' },
      { id: 'globex', query: '"globex corp" OR #globex' },
      { id: 'both', query: '(acme OR globex) refund' },
      { id: 'french', query: '(acme OR globex) lang:fr' },
    ]);
    assert.deepEqual(index.matchText('acme refund now'), ['acme', 'both']);
    assert.deepEqual(index.matchText('#Globex refund', 'fr'), ['globex', 'both', 'french']);
    assert.deepEqual(index.matchText('globex is fine'), []);
    assert.deepEqual(index.matchText('acme giveaway'), []);
    assert.deepEqual(index.matchText('nothing here'), []);
  });

  it('agrees with the single-query matcher on random texts', () => {
    const vocabulary = [
      'acme',
      'air',
      'refund',
      'broken',
      '#acme',
      '@acme',
      'globex',
      'the',
      'a',
      'giveaway',
    ];
    const queries = [
      'acme',
      '"acme air"',
      'acme refund',
      'acme OR globex',
      '#acme NOT broken',
      '@acme OR (globex air)',
      'NOT the acme',
    ];
    const index = new QueryIndex(queries.map((query, id) => ({ id, query })));
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(rand() * 8) },
        () => vocabulary[Math.floor(rand() * vocabulary.length)],
      ).join(' ');
      const expected = queries.flatMap((q, id) => (compileQuery(q)(toMatchText(text)) ? [id] : []));
      assert.deepEqual(index.matchText(text), expected, text);
    }
  });

  it('reports invalid queries instead of throwing', () => {
    const index = new QueryIndex([
      { id: 1, query: 'acme' },
      { id: 2, query: 'acme AND' },
    ]);
    assert.deepEqual(index.invalid, [2]);
    assert.equal(index.size, 1);
  });
});
