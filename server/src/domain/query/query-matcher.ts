// Compiles brand queries once into matchers, and many brands' queries into one index so that a post is only
// evaluated against the brands that share at least one of its words (an inverted index of "anchor" tokens).
// Pure: no I/O.
import { type QueryNode, normaliseHandle, parseQuery } from './query-parser';

/**
 * A post split for matching: its words in order (lower case; the words of #tags and @handles included, so the
 * query word `acme` also matches `#acme` and `@acme`), plus the set of every key (`word`, `#tag`, `@handle`).
 */
export interface MatchText {
  words: string[];
  keys: Set<string>;
  /** Primary language subtag (`en` for `en-US`), or null when unknown. */
  lang: string | null;
}

const Hash = 35; // #
const At = 64; // @
const Underscore = 95;
const Dot = 46;
const Dash = 45;

function isWordCode(c: number): boolean {
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === Underscore;
  }
  return false;
}
const unicodeWord = /[\p{L}\p{N}\p{M}_]/u;

/** Calls `onToken(key, isWord)` for each token of `text` in order; keys are lower case. The hot loop of matching. */
function scan(text: string, onWord: (word: string) => void, onSpecial: (key: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    const prefix = c === Hash || c === At ? c : 0;
    const start = prefix ? i + 1 : i;
    let j = start;
    let ascii = true;
    let upper = false;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c < 128) {
        if (isWordCode(c)) {
          if (c >= 65 && c <= 90) upper = true;
          j++;
          continue;
        }
        // Handles may hold dots and dashes inside (acme.bsky.social, acme-corp).
        if (prefix === At && (c === Dot || c === Dash) && j + 1 < n && isWordCode(text.charCodeAt(j + 1))) {
          j++;
          continue;
        }
        break;
      }
      const ch = String.fromCodePoint(text.codePointAt(j)!);
      if (!unicodeWord.test(ch)) break;
      ascii = false;
      j += ch.length;
    }
    if (j === start) {
      i = prefix ? i + 1 : i + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
      continue;
    }
    let token = text.slice(start, j);
    if (upper || !ascii) token = token.toLowerCase();
    if (prefix === At) {
      onSpecial('@' + token);
      // The handle's parts are words too (for @acme.bsky.social: acme, bsky, social).
      if (token.includes('.') || token.includes('-')) for (const w of token.split(/[.-]/)) onWord(w);
      else onWord(token);
    } else {
      if (prefix === Hash) onSpecial('#' + token);
      onWord(token);
    }
    i = j;
  }
}

export function toMatchText(
  text: string,
  lang: string | null = null,
  authorHandle: string | null = null,
): MatchText {
  const words: string[] = [];
  const keys = new Set<string>();
  scan(
    text,
    (w) => {
      words.push(w);
      keys.add(w);
    },
    (k) => keys.add(k),
  );
  if (authorHandle) keys.add(normaliseHandle(authorHandle));
  return { words, keys, lang: primaryLang(lang) };
}

export function primaryLang(lang: string | null): string | null {
  if (!lang) return null;
  const dash = lang.indexOf('-');
  const primary = (dash === -1 ? lang : lang.slice(0, dash)).toLowerCase();
  return primary || null;
}

export type Matcher = (text: MatchText) => boolean;

function phraseAt(words: string[], phrase: string[]): boolean {
  const first = phrase[0]!;
  const last = words.length - phrase.length;
  outer: for (let i = 0; i <= last; i++) {
    if (words[i] !== first) continue;
    for (let k = 1; k < phrase.length; k++) if (words[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** Compiles a parsed query into a closure tree (evaluated with short-circuiting, cheapest checks first). */
export function compileNode(node: QueryNode): Matcher {
  switch (node.type) {
    case 'phrase': {
      const words = node.words;
      if (words.length === 1) {
        const w = words[0]!;
        return (t) => t.keys.has(w);
      }
      const rarest = words.reduce((a, b) => (b.length > a.length ? b : a));
      return (t) => t.keys.has(rarest) && phraseAt(t.words, words);
    }
    case 'hashtag': {
      const key = '#' + node.tag;
      return (t) => t.keys.has(key);
    }
    case 'handle': {
      const key = node.handle;
      return (t) => t.keys.has(key);
    }
    case 'lang': {
      const lang = node.lang;
      return (t) => t.lang === lang;
    }
    case 'not': {
      const child = compileNode(node.child);
      return (t) => !child(t);
    }
    case 'and': {
      const children = node.children.map(compileNode);
      return (t) => {
        for (const c of children) if (!c(t)) return false;
        return true;
      };
    }
    case 'or': {
      const children = node.children.map(compileNode);
      return (t) => {
        for (const c of children) if (c(t)) return true;
        return false;
      };
    }
  }
}

export function compileQuery(query: string): Matcher {
  return compileNode(parseQuery(query));
}

/**
 * Tokens one of which every matching text must contain, or null when the query cannot be anchored (then it is
 * checked against every post). OR needs an anchor from each branch; AND needs one from any branch (the smallest set).
 */
export function anchorsOf(node: QueryNode): string[] | null {
  switch (node.type) {
    case 'phrase':
      return [node.words.reduce((a, b) => (b.length > a.length ? b : a))];
    case 'hashtag':
      return ['#' + node.tag];
    case 'handle':
      return [node.handle];
    case 'lang':
    case 'not':
      return null;
    case 'or': {
      const all: string[] = [];
      for (const child of node.children) {
        const a = anchorsOf(child);
        if (a === null) return null;
        all.push(...a);
      }
      return [...new Set(all)];
    }
    case 'and': {
      let best: string[] | null = null;
      for (const child of node.children) {
        const a = anchorsOf(child);
        if (a !== null && (best === null || a.length < best.length)) best = a;
      }
      return best;
    }
  }
}

export interface IndexedQuery<Id> {
  id: Id;
  query: string;
}

/** Many brands' queries compiled together; `match` returns the ids of every brand whose query the text satisfies. */
export class QueryIndex<Id> {
  private readonly ids: Id[] = [];
  private readonly matchers: Matcher[] = [];
  private readonly byAnchor = new Map<string, number[]>();
  private readonly unanchored: number[] = [];
  private readonly seen: Uint32Array;
  private stamp = 0;

  /** Queries must be valid (they were validated when saved); an invalid one is reported in `invalid` and skipped. */
  readonly invalid: Id[] = [];

  constructor(queries: readonly IndexedQuery<Id>[]) {
    for (const q of queries) {
      let node: QueryNode;
      try {
        node = parseQuery(q.query);
      } catch {
        this.invalid.push(q.id);
        continue;
      }
      const index = this.ids.length;
      this.ids.push(q.id);
      this.matchers.push(compileNode(node));
      const anchors = anchorsOf(node);
      if (anchors === null) this.unanchored.push(index);
      else {
        for (const a of anchors) {
          const list = this.byAnchor.get(a);
          if (list) list.push(index);
          else this.byAnchor.set(a, [index]);
        }
      }
    }
    this.seen = new Uint32Array(this.ids.length);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Ids of the brands the post matches (in index order). Allocates a MatchText only when some brand may match. */
  matchText(text: string, lang: string | null = null, authorHandle: string | null = null): Id[] {
    const candidates: number[] = [...this.unanchored];
    const stamp = ++this.stamp === 0xffffffff ? this.resetStamp() : this.stamp;
    for (const i of this.unanchored) this.seen[i] = stamp;
    const consider = (key: string) => {
      const list = this.byAnchor.get(key);
      if (list === undefined) return;
      for (const i of list) {
        if (this.seen[i] !== stamp) {
          this.seen[i] = stamp;
          candidates.push(i);
        }
      }
    };
    scan(text, consider, consider);
    if (authorHandle) consider(normaliseHandle(authorHandle));
    if (candidates.length === 0) return [];
    const prepared = toMatchText(text, lang, authorHandle);
    const out: Id[] = [];
    candidates.sort((a, b) => a - b);
    for (const i of candidates) if (this.matchers[i]!(prepared)) out.push(this.ids[i]!);
    return out;
  }

  private resetStamp(): number {
    this.seen.fill(0);
    this.stamp = 1;
    return 1;
  }
}
