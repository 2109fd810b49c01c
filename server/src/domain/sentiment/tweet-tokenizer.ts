// A tokenizer for tweets and other short social posts. It writes into a reusable TokenBuffer (struct of arrays) so
// that scoring thousands of texts a second allocates little beyond the token strings themselves.
import { emojiPolarity, emoticonPolarity, intensifiers, negators } from './sentiment-lexicon';

/** Texts are cut to this many UTF-16 code units before tokenizing, so one huge line cannot stall a batch. */
export const maxTextLength = 5000;

export const tokenKinds = [
  'word',
  'hashtag',
  'mention',
  'url',
  'number',
  'emoticon',
  'emoji',
  'punctuation',
] as const;
export type TokenKind = (typeof tokenKinds)[number];

// Numeric kind codes, indexes into tokenKinds.
export const wordKind = 0;
export const hashtagKind = 1;
export const mentionKind = 2;
export const urlKind = 3;
export const numberKind = 4;
export const emoticonKind = 5;
export const emojiKind = 6;
export const punctuationKind = 7;

// Token flags (bits).
export const negatedFlag = 1;
export const elongatedFlag = 2;
export const allCapsFlag = 4;
export const intensifiedFlag = 8;
export const negatorFlag = 16;
export const intensifierFlag = 32;

/** The prefix a token's term gets inside a negation scope. */
export const negationPrefix = 'NEG_';

/** Where tokenizeInto writes; reuse one per thread of work. `text` is the prepared text the offsets point into. */
export class TokenBuffer {
  count = 0;
  text = '';
  kinds: Uint8Array;
  flags: Uint8Array;
  polarities: Int8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Normalised token text, without the NEG_ prefix: `soo`, `fail` (from #fail), `<user>`, `<url>`, `<num>`, `:)`. */
  texts: string[];

  constructor(capacity = 64) {
    this.kinds = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.polarities = new Int8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.texts = new Array<string>(capacity).fill('');
  }

  reset(text: string): void {
    this.count = 0;
    this.text = text;
  }

  push(kind: number, text: string, start: number, end: number, flags: number, polarity: number): void {
    if (this.count === this.kinds.length) {
      this.grow();
    }
    const i = this.count++;
    this.kinds[i] = kind;
    this.texts[i] = text;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = flags;
    this.polarities[i] = polarity;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Int8Array | Int32Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.kinds = grown(this.kinds, new Uint8Array(capacity));
    this.flags = grown(this.flags, new Uint8Array(capacity));
    this.polarities = grown(this.polarities, new Int8Array(capacity));
    this.starts = grown(this.starts, new Int32Array(capacity));
    this.ends = grown(this.ends, new Int32Array(capacity));
    for (let i = this.texts.length; i < capacity; i++) {
      this.texts.push('');
    }
  }
}

const symbolMouth = String.raw`(?:\)+|\(+|\]|\[|[/\\|*$@{}])`;
const letterMouth = String.raw`[dDpPoO3xX](?![\p{L}\p{N}])`;
const emoticon = [
  String.raw`[:;=]['\-^]?(?:${symbolMouth}|${letterMouth})`,
  // Reversed faces only between spaces, so "(see below):" is not read as a sad face.
  String.raw`(?<=^|\s)[(\[)\]]['\-]?[:;=](?=\s|$)`,
  String.raw`<\/3|<3+`,
  String.raw`\^_*\^|-_-|[oO]_[oO]|[tT]_[tT]|>_<`,
  String.raw`(?<![\p{L}\p{N}])[xX][dD]+(?![\p{L}\p{N}])`,
].join('|');

// One pass, one alternative per token kind; the capture group that matched says which kind it is.
const tokenPattern = new RegExp(
  [
    String.raw`(https?:\/\/\S+|www\.\S+)`, // 1 url
    String.raw`(@[\p{L}\p{N}_]+)`, // 2 mention
    String.raw`(#[\p{L}\p{M}\p{N}_]+)`, // 3 hashtag
    `(${emoticon})`, // 4 emoticon
    String.raw`([\p{L}\p{M}\p{N}_]+(?:'[\p{L}\p{M}]+)*)`, // 5 word or number
    String.raw`([!?]+)`, // 6 exclamation / question run
    String.raw`(\.{2,}|…)`, // 7 ellipsis
    String.raw`([.,;:])`, // 8 other punctuation that ends a negation scope
    String.raw`(\p{Extended_Pictographic}(?:\uFE0F|\u20E3|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*)`, // 9 emoji
  ].join('|'),
  'gu',
);

const elongation = /(\p{L})\1{2,}/u;
const elongationAll = /(\p{L})\1{2,}/gu;
const digitsOnly = /^\p{N}+$/u;
const lowerCaseLetter = /\p{Ll}/u;
const emojiDecoration = /[\uFE0F\u20E3\u200D]|\p{Emoji_Modifier}/gu;
const needsPreparing = /[’‘´`“”&\uFFFD]/;
const preparable = /[’‘´`]|[“”]|&(?:amp|lt|gt|quot|apos|#39);|\uFFFD/g;
const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&#39;': "'",
};

/**
 * Cuts the text to maxTextLength, straightens curly quotes, decodes the HTML entities tweets carry and blanks
 * U+FFFD (what invalid UTF-8 decodes to). Offsets in a TokenBuffer point into this prepared text.
 */
export function prepareText(raw: string): string {
  let text = typeof raw === 'string' ? raw : String(raw ?? '');
  if (text.length > maxTextLength) {
    text = text.slice(0, maxTextLength);
  }
  if (!needsPreparing.test(text)) {
    return text;
  }
  return text.replace(preparable, (match) => {
    if (match.length > 1) {
      return entities[match] ?? match;
    }
    if (match === '\uFFFD') {
      return ' ';
    }
    return match === '“' || match === '”' ? '"' : "'";
  });
}

function reduceElongation(word: string): { text: string; elongated: boolean } {
  if (!elongation.test(word)) {
    return { text: word, elongated: false };
  }
  return { text: word.replace(elongationAll, '$1$1'), elongated: true };
}

function isNegator(word: string): boolean {
  return negators.has(word) || word.endsWith("n't");
}

function canonicalEmoticon(surface: string): string {
  let canonical = surface.toLowerCase();
  if (canonical.length > 2 && /^[:;=]['\-^]/.test(canonical)) {
    canonical = canonical[0] + canonical.slice(2);
  } else if (canonical.length > 2 && /^[()[\]]['-][:;=]$/.test(canonical)) {
    canonical = canonical[0] + canonical.slice(2);
  }
  return canonical
    .replace(/([()])\1+$/, '$1')
    .replace(/^<3+$/, '<3')
    .replace(/^xd+$/, 'xd')
    .replace(/^\^_+\^$/, '^_^');
}

function punctuationText(run: string): string {
  if (run.length === 1) {
    return run;
  }
  const hasExclamation = run.includes('!');
  const hasQuestion = run.includes('?');
  if (hasExclamation && hasQuestion) {
    return '?!';
  }
  return hasExclamation ? '!!' : '??';
}

/**
 * Tokenizes `raw` into `out`: lower-cases, turns URLs into `<url>`, @mentions into `<user>` and digit runs into
 * `<num>`, keeps the word of a hashtag, reduces elongations (`soooo` → `soo`), reads emoticons and emoji, and marks
 * negation scopes (after not/never/no/…n't up to the next punctuation), intensified words and all-caps words.
 */
export function tokenizeInto(raw: string, out: TokenBuffer): void {
  const text = prepareText(raw);
  out.reset(text);
  tokenPattern.lastIndex = 0;
  let inNegation = false;
  let intensifyNext = false;
  for (let match = tokenPattern.exec(text); match !== null; match = tokenPattern.exec(text)) {
    const surface = match[0];
    const start = match.index;
    const end = start + surface.length;
    if (match[5] !== undefined || match[3] !== undefined) {
      const isHashtag = match[3] !== undefined;
      const body = isHashtag ? surface.slice(1) : surface;
      const lower = body.toLowerCase();
      if (!isHashtag && digitsOnly.test(body)) {
        out.push(numberKind, '<num>', start, end, 0, 0);
        intensifyNext = false;
        continue;
      }
      const { text: word, elongated } = reduceElongation(lower);
      let flags = elongated ? elongatedFlag : 0;
      if (body.length >= 2 && lower !== body && !lowerCaseLetter.test(body)) {
        flags |= allCapsFlag;
      }
      if (intensifyNext) {
        flags |= intensifiedFlag;
      }
      intensifyNext = false;
      if (!isHashtag && isNegator(word)) {
        out.push(wordKind, word, start, end, flags | negatorFlag, 0);
        inNegation = true;
        continue;
      }
      if (!isHashtag && intensifiers.has(word)) {
        flags |= intensifierFlag;
        intensifyNext = true;
      }
      if (inNegation) {
        flags |= negatedFlag;
      }
      out.push(isHashtag ? hashtagKind : wordKind, word, start, end, flags, 0);
      continue;
    }
    intensifyNext = false;
    if (match[2] !== undefined) {
      out.push(mentionKind, '<user>', start, end, 0, 0);
    } else if (match[1] !== undefined) {
      out.push(urlKind, '<url>', start, end, 0, 0);
      inNegation = false;
    } else if (match[4] !== undefined) {
      const canonical = canonicalEmoticon(surface);
      out.push(emoticonKind, canonical, start, end, 0, emoticonPolarity.get(canonical) ?? 0);
      inNegation = false;
    } else if (match[9] !== undefined) {
      const bare = surface.replace(emojiDecoration, '');
      out.push(
        emojiKind,
        bare === '' ? surface : bare,
        start,
        end,
        0,
        emojiPolarity(surface.codePointAt(0) ?? 0),
      );
      inNegation = false;
    } else {
      const punctuation =
        match[6] !== undefined ? punctuationText(surface) : match[7] !== undefined ? '...' : surface;
      out.push(punctuationKind, punctuation, start, end, 0, 0);
      inNegation = false;
    }
  }
}

/** One token, as an object (for tests, drivers and people; the scorer reads the TokenBuffer directly). */
export type TweetToken = {
  kind: TokenKind;
  /** Normalised text without the negation prefix. */
  text: string;
  /** The model's term: `text`, prefixed with NEG_ inside a negation scope. */
  term: string;
  /** The token as written. */
  surface: string;
  negated: boolean;
  elongated: boolean;
  allCaps: boolean;
  intensified: boolean;
  /** 1 for a positive emoticon or emoji, -1 for a negative one, 0 otherwise. */
  polarity: number;
};

export function tokenAt(buffer: TokenBuffer, index: number): TweetToken {
  const flags = buffer.flags[index] ?? 0;
  const text = buffer.texts[index] ?? '';
  return {
    kind: tokenKinds[buffer.kinds[index] ?? 0] ?? 'word',
    text,
    term: flags & negatedFlag ? negationPrefix + text : text,
    surface: buffer.text.slice(buffer.starts[index] ?? 0, buffer.ends[index] ?? 0),
    negated: (flags & negatedFlag) !== 0,
    elongated: (flags & elongatedFlag) !== 0,
    allCaps: (flags & allCapsFlag) !== 0,
    intensified: (flags & intensifiedFlag) !== 0,
    polarity: buffer.polarities[index] ?? 0,
  };
}

/** Tokenizes one text into token objects. */
export function tokenizeTweet(text: string): TweetToken[] {
  const buffer = new TokenBuffer();
  tokenizeInto(text, buffer);
  const tokens: TweetToken[] = [];
  for (let i = 0; i < buffer.count; i++) {
    tokens.push(tokenAt(buffer, i));
  }
  return tokens;
}
