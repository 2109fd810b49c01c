// The brand query language: a small boolean language over words, phrases, #hashtags, @handles and lang:xx.
//   query   := or
//   or      := and ( "OR" and )*
//   and     := unary ( ["AND"] unary )*          (two terms side by side are an implicit AND)
//   unary   := "NOT" unary | "-" unary | primary
//   primary := "(" or ")" | "\"phrase\"" | #hashtag | @handle | lang:xx | word
// Operators are written in capitals (lower-case and/or/not are ordinary words). Matching is case-insensitive and on
// word boundaries (see query-tokens.ts). Pure: no I/O.

export type QueryNode =
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode }
  /** One or more words in sequence (a single word, or a quoted phrase, or a word with punctuation inside). */
  | { type: 'phrase'; words: string[] }
  | { type: 'hashtag'; tag: string }
  | { type: 'handle'; handle: string }
  | { type: 'lang'; lang: string };

/** Why a query was refused, and where (0-based character offset into the query). */
export class QuerySyntaxError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end'; pos: number }
  | { kind: 'phrase'; pos: number; text: string }
  | { kind: 'word'; pos: number; text: string };

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', pos: i });
      i++;
      continue;
    }
    if (c === '"' || c === '\u201c' || c === '\u201d') {
      const start = i;
      i++;
      let text = '';
      while (i < query.length && query[i] !== '"' && query[i] !== '\u201d' && query[i] !== '\u201c') {
        text += query[i++];
      }
      if (i >= query.length) throw new QuerySyntaxError(start, 'this quote is never closed');
      i++;
      tokens.push({ kind: 'phrase', pos: start, text });
      continue;
    }
    if (
      c === '-' &&
      i + 1 < query.length &&
      !isSpace(query[i + 1]!) &&
      (i === 0 || isSpace(query[i - 1]!) || query[i - 1] === '(')
    ) {
      tokens.push({ kind: 'not', pos: i });
      i++;
      continue;
    }
    const start = i;
    let text = '';
    while (
      i < query.length &&
      !isSpace(query[i]!) &&
      query[i] !== '(' &&
      query[i] !== ')' &&
      query[i] !== '"'
    ) {
      text += query[i++];
    }
    if (text === 'AND') tokens.push({ kind: 'and', pos: start });
    else if (text === 'OR' || text === '|') tokens.push({ kind: 'or', pos: start });
    else if (text === 'NOT') tokens.push({ kind: 'not', pos: start });
    else tokens.push({ kind: 'word', pos: start, text });
  }
  tokens.push({ kind: 'end', pos: query.length });
  return tokens;
}

/** Splits free text into lower-case words the same way mention texts are split (letters, digits, underscore). */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
}

function leaf(token: Token & { text: string }): QueryNode {
  const { text, pos } = token;
  if (token.kind === 'phrase') {
    const words = splitWords(text);
    if (words.length === 0) throw new QuerySyntaxError(pos, 'this phrase has no words in it');
    return { type: 'phrase', words };
  }
  if (text.startsWith('#')) {
    const tag = splitWords(text.slice(1));
    if (tag.length !== 1 || !/^[\p{L}\p{N}\p{M}_]+$/u.test(text.slice(1))) {
      throw new QuerySyntaxError(pos, `"${text}" is not a hashtag: use letters, digits or _ after #`);
    }
    return { type: 'hashtag', tag: tag[0]! };
  }
  if (text.startsWith('@')) {
    const handle = normaliseHandle(text);
    if (!/^@[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u.test(handle)) {
      throw new QuerySyntaxError(pos, `"${text}" is not a handle: use letters, digits, _, . or - after @`);
    }
    return { type: 'handle', handle };
  }
  if (text.toLowerCase().startsWith('lang:')) {
    const lang = text.slice(5).toLowerCase();
    if (!/^[a-z]{2,3}$/.test(lang)) {
      throw new QuerySyntaxError(pos + 5, 'lang: needs a two- or three-letter language code, e.g. lang:en');
    }
    return { type: 'lang', lang };
  }
  const words = splitWords(text);
  if (words.length === 0) throw new QuerySyntaxError(pos, `"${text}" has no letters or digits to match`);
  return { type: 'phrase', words };
}

/** `@Acme.` → `@acme`: lower case, one leading @, no trailing punctuation. */
export function normaliseHandle(handle: string): string {
  const h = handle
    .trim()
    .toLowerCase()
    .replace(/^@+/, '')
    .replace(/[.-]+$/, '');
  return `@${h}`;
}

/** Parses a query; throws QuerySyntaxError with the position and reason when it is not valid. */
export function parseQuery(query: string): QueryNode {
  if (query.length > 10_000) throw new QuerySyntaxError(10_000, 'a query is at most 10,000 characters');
  const tokens = lex(query);
  let i = 0;
  const peek = () => tokens[i]!;
  let depth = 0;

  const startsOperand = (t: Token) =>
    t.kind === 'word' || t.kind === 'phrase' || t.kind === 'lparen' || t.kind === 'not';

  function parseOr(): QueryNode {
    const children = [parseAnd()];
    while (peek().kind === 'or') {
      const op = tokens[i++]!;
      if (!startsOperand(peek())) throw new QuerySyntaxError(op.pos, 'OR needs a term on both sides');
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  function parseAnd(): QueryNode {
    const children = [parseUnary()];
    for (;;) {
      const t = peek();
      if (t.kind === 'and') {
        i++;
        if (!startsOperand(peek())) throw new QuerySyntaxError(t.pos, 'AND needs a term on both sides');
        children.push(parseUnary());
      } else if (startsOperand(t)) {
        children.push(parseUnary());
      } else break;
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  function parseUnary(): QueryNode {
    const t = peek();
    if (t.kind === 'not') {
      i++;
      if (!startsOperand(peek())) throw new QuerySyntaxError(t.pos, 'NOT needs a term after it');
      return { type: 'not', child: parseUnary() };
    }
    return parsePrimary();
  }

  function parsePrimary(): QueryNode {
    const t = tokens[i]!;
    switch (t.kind) {
      case 'lparen': {
        i++;
        if (peek().kind === 'rparen') throw new QuerySyntaxError(t.pos, 'these parentheses are empty');
        depth++;
        if (depth > 100) throw new QuerySyntaxError(t.pos, 'parentheses are nested too deeply');
        const inner = parseOr();
        depth--;
        if (peek().kind !== 'rparen') throw new QuerySyntaxError(t.pos, 'this parenthesis is never closed');
        i++;
        return inner;
      }
      case 'phrase':
      case 'word':
        i++;
        return leaf(t);
      case 'rparen':
        throw new QuerySyntaxError(t.pos, 'this closing parenthesis has no opening one');
      case 'end':
        throw new QuerySyntaxError(
          t.pos,
          i === 0 ? 'the query is empty' : 'the query ends where a term was expected',
        );
      case 'and':
      case 'or':
      case 'not':
        throw new QuerySyntaxError(t.pos, `${t.kind.toUpperCase()} needs a term before it`);
    }
  }

  const node = parseOr();
  const rest = peek();
  if (rest.kind === 'rparen') {
    throw new QuerySyntaxError(rest.pos, 'this closing parenthesis has no opening one');
  }
  if (rest.kind !== 'end') throw new QuerySyntaxError(rest.pos, 'unexpected text here');
  if (!hasPositive(node)) {
    throw new QuerySyntaxError(
      0,
      'the query only excludes things: add at least one word, phrase, #hashtag or @handle to look for',
    );
  }
  return node;
}

/** True when the query can match something by content (not only NOT terms and language filters). */
function hasPositive(node: QueryNode): boolean {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.children.some(hasPositive);
    case 'not':
      return false;
    case 'lang':
      return false;
    case 'phrase':
    case 'hashtag':
    case 'handle':
      return true;
  }
}

function quote(words: string[]): string {
  return words.length === 1 ? words[0]! : `"${words.join(' ')}"`;
}

/** The query a brand listens with when it has none of its own: any keyword (as a phrase) or any handle, else its name. */
export function deriveQuery(brand: {
  name: string;
  keywords: string[];
  handles: Record<string, string[] | undefined>;
}): string {
  const parts = new Set<string>();
  for (const keyword of brand.keywords) {
    const words = splitWords(keyword);
    if (words.length > 0) parts.add(quote(words));
  }
  for (const list of Object.values(brand.handles)) {
    for (const handle of list ?? []) {
      const h = normaliseHandle(handle);
      if (/^@[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u.test(h)) parts.add(h);
    }
  }
  if (parts.size === 0) {
    const words = splitWords(brand.name);
    parts.add(words.length > 0 ? quote(words) : '"brand"');
  }
  return [...parts].join(' OR ');
}
