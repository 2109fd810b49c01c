import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../../domain/query/query-parser';
import { xRuleFromQuery, xRulesForBrands } from './x.rules';

describe('brand query → X rule', () => {
  it('translates phrases, operators, hashtags, handles and language', () => {
    assert.equal(
      xRuleFromQuery(parseQuery('"acme cola" OR #acmecola OR @acmecola')),
      '"acme cola" OR #acmecola OR @acmecola',
    );
    assert.equal(
      xRuleFromQuery(parseQuery('acme AND (ad OR campaign) NOT job lang:en')),
      'acme (ad OR campaign) -job lang:en',
    );
  });
  it('tags each rule with its brand and refuses queries that do not parse', () => {
    const { rules, refused } = xRulesForBrands([
      { id: 'b1', query: 'acme' },
      { id: 'b2', query: '(acme' },
    ]);
    assert.deepEqual(rules, [{ value: 'acme', tag: 'brand:b1' }]);
    assert.equal(refused[0]!.id, 'b2');
  });
});
