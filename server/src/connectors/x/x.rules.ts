// Pure: brand queries (our boolean language) → X filtered-stream rules, so the stream asks X for exactly what
// the brands listen for. AND is a space, OR is "OR", NOT is "-", phrases are quoted; #tags, @handles and
// lang:xx carry over. A rule is tagged "brand:<id>" so matches can be traced back.
import { parseQuery, type QueryNode } from '../../domain/query/query-parser';
import type { XRuleSpec } from './x.connector';

/** X's rule length limit on pay-per-use projects. */
export const xRuleMaxLength = 1_024;

export function xRuleFromQuery(node: QueryNode): string {
  return render(node, true);
}

function render(node: QueryNode, top: boolean): string {
  switch (node.type) {
    case 'phrase':
      return node.words.length === 1 && /^[\p{L}\p{N}_'-]+$/u.test(node.words[0]!)
        ? node.words[0]!
        : `"${node.words.join(' ').replace(/"/g, '')}"`;
    case 'hashtag':
      return `#${node.tag.replace(/^#/, '')}`;
    case 'handle':
      return `@${node.handle.replace(/^@/, '')}`;
    case 'lang':
      return `lang:${node.lang}`;
    case 'not':
      return `-${render(node.child, false)}`;
    case 'and': {
      const inner = node.children.map((c) => render(c, false)).join(' ');
      return top ? inner : `(${inner})`;
    }
    case 'or': {
      const inner = node.children.map((c) => render(c, false)).join(' OR ');
      return top ? inner : `(${inner})`;
    }
  }
}

/** One rule per brand; brands whose query does not parse or is too long for X are reported, not sent. */
export function xRulesForBrands(brands: { id: string; query: string }[]): {
  rules: XRuleSpec[];
  refused: { id: string; reason: string }[];
} {
  const rules: XRuleSpec[] = [];
  const refused: { id: string; reason: string }[] = [];
  for (const brand of brands) {
    let value: string;
    try {
      value = xRuleFromQuery(parseQuery(brand.query));
    } catch (error) {
      refused.push({ id: brand.id, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (value.length > xRuleMaxLength) {
      refused.push({
        id: brand.id,
        reason: `the X rule would be ${value.length} characters (limit ${xRuleMaxLength})`,
      });
      continue;
    }
    rules.push({ value, tag: `brand:${brand.id}` });
  }
  return { rules, refused };
}
