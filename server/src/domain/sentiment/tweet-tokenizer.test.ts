import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxTextLength, prepareText, tokenizeTweet } from './tweet-tokenizer';

const terms = (text: string): string[] => tokenizeTweet(text).map((token) => token.term);

describe('tokenizeTweet', () => {
  it('lower-cases words and replaces URLs, @mentions and digit runs by one token each', () => {
    assert.deepEqual(terms('Flight DL123 to @Delta_Help is at 9 https://t.co/AbC?x=1 www.delta.com'), [
      'flight',
      'dl123',
      'to',
      '<user>',
      'is',
      'at',
      '<num>',
      '<url>',
      '<url>',
    ]);
  });

  it('prefixes NEG_ to the words after a negator, up to the next punctuation', () => {
    assert.deepEqual(terms("I don't like this movie, but the ending is great"), [
      'i',
      "don't",
      'NEG_like',
      'NEG_this',
      'NEG_movie',
      ',',
      'but',
      'the',
      'ending',
      'is',
      'great',
    ]);
    assert.deepEqual(terms('never again! ok'), ['never', 'NEG_again', '!', 'ok']);
    assert.deepEqual(terms('not good :( fine'), ['not', 'NEG_good', ':(', 'fine']);
    assert.deepEqual(terms('dont go'), ['dont', 'NEG_go']);
  });

  it('reads curly apostrophes as straight ones, so "can’t" negates too', () => {
    assert.deepEqual(terms('I can’t wait'), ['i', "can't", 'NEG_wait']);
  });

  it('reduces elongated words to two repeated letters and marks them', () => {
    const [so, good] = tokenizeTweet('soooooo gooood');
    assert.equal(so?.text, 'soo');
    assert.equal(so?.elongated, true);
    assert.equal(good?.text, 'good');
    assert.equal(good?.elongated, true);
    assert.equal(tokenizeTweet('good')[0]?.elongated, false);
  });

  it('keeps the word of a hashtag and marks it as a hashtag', () => {
    const [hashtag] = tokenizeTweet('#FAIL');
    assert.equal(hashtag?.kind, 'hashtag');
    assert.equal(hashtag?.text, 'fail');
    assert.equal(hashtag?.surface, '#FAIL');
  });

  it('gives emoticons and emoji a polarity, and keeps emoji without skin tone or variation selector', () => {
    const tokens = tokenizeTweet('great :-) :(( (: </3 xD 😂 😡 ❤️ 👍🏽 🚀');
    assert.deepEqual(
      tokens.map((token) => [token.kind, token.text, token.polarity]),
      [
        ['word', 'great', 0],
        ['emoticon', ':)', 1],
        ['emoticon', ':(', -1],
        ['emoticon', '(:', 1],
        ['emoticon', '</3', -1],
        ['emoticon', 'xd', 1],
        ['emoji', '😂', 1],
        ['emoji', '😡', -1],
        ['emoji', '❤', 1],
        ['emoji', '👍', 1],
        ['emoji', '🚀', 0],
      ],
    );
  });

  it('does not read times, ratios or "(see below):" as emoticons', () => {
    assert.deepEqual(terms('at 10:30 (see below): ok'), [
      'at',
      '<num>',
      ':',
      '<num>',
      'see',
      'below',
      ':',
      'ok',
    ]);
    assert.deepEqual(terms('Note:Delay'), ['note', ':', 'delay']);
  });

  it('marks all-caps words and the word after an intensifier', () => {
    const [really, bad, ok] = tokenizeTweet('really BAD ok');
    assert.equal(really?.allCaps, false);
    assert.equal(bad?.allCaps, true);
    assert.equal(bad?.intensified, true);
    assert.equal(ok?.intensified, false);
    assert.equal(tokenizeTweet('I')[0]?.allCaps, false);
  });

  it('collapses runs of ! and ? into one token', () => {
    assert.deepEqual(terms('what?! no!!! why? yes!'), ['what', '?!', 'no', '!!', 'why', '?', 'yes', '!']);
  });

  it('decodes HTML entities and blanks replacement characters', () => {
    assert.deepEqual(terms('A &amp; B &gt; C'), ['a', 'b', 'c']);
    assert.deepEqual(terms('bad\uFFFD\uFFFDword'), ['bad', 'word']);
  });

  it('returns no tokens for empty or symbol-only text, and never throws on odd input', () => {
    assert.deepEqual(tokenizeTweet(''), []);
    assert.deepEqual(tokenizeTweet('   \t '), []);
    for (const odd of [
      '\u0000\u0001',
      '\uD800',
      '\uDC00abc',
      '🏽',
      '\u200D',
      '#',
      '@',
      '::::',
      '(((',
      'x'.repeat(100_000),
    ]) {
      assert.doesNotThrow(() => tokenizeTweet(odd));
    }
  });

  it('cuts texts longer than maxTextLength before tokenizing', () => {
    assert.equal(prepareText('a '.repeat(10_000)).length, maxTextLength);
    assert.equal(tokenizeTweet('a '.repeat(10_000)).length, maxTextLength / 2);
  });
});
