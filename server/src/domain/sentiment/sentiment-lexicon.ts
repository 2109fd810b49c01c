// Small hand-made word lists for the tweet tokenizer. The model learns every weight from data; these lists only
// decide which tokens get a marker (negation scope, intensifier, emoji polarity), so they stay short and uncontroversial.

/** Words that open a negation scope (the words after them, up to punctuation, get the NEG_ prefix). */
export const negators: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'neither',
  'nor',
  'cannot',
  'without',
  'noone',
  'nope',
  'aint',
  'dont',
  'cant',
  'wont',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'doesnt',
  'didnt',
  'hasnt',
  'havent',
  'hadnt',
  'couldnt',
  'shouldnt',
  'wouldnt',
  'mustnt',
  'neednt',
]);

/** Words that strengthen the next word ("so good", "really bad"). Compared after elongation is reduced ("soooo" → "soo"). */
export const intensifiers: ReadonlySet<string> = new Set([
  'absolutely',
  'completely',
  'extremely',
  'freaking',
  'fucking',
  'highly',
  'incredibly',
  'most',
  'quite',
  'really',
  'seriously',
  'so',
  'soo',
  'such',
  'super',
  'too',
  'totally',
  'truly',
  'utterly',
  'very',
]);

/** Emoticon polarity, keyed by the canonical form (lower-cased, nose removed, repeated mouths collapsed). */
export const emoticonPolarity: ReadonlyMap<string, -1 | 0 | 1> = new Map<string, -1 | 0 | 1>([
  [':)', 1],
  [':]', 1],
  [':d', 1],
  [':p', 1],
  [':*', 1],
  [':3', 1],
  [':}', 1],
  [';)', 1],
  [';]', 1],
  [';d', 1],
  [';p', 1],
  [';*', 1],
  ['=)', 1],
  ['=]', 1],
  ['=d', 1],
  ['=p', 1],
  ['(:', 1],
  ['(;', 1],
  ['(=', 1],
  ['<3', 1],
  ['xd', 1],
  ['^^', 1],
  ['^_^', 1],
  [':(', -1],
  [':[', -1],
  [':/', -1],
  [':\\', -1],
  [':|', -1],
  [':@', -1],
  [':{', -1],
  [';(', -1],
  ['=(', -1],
  ['=/', -1],
  ['=[', -1],
  ['):', -1],
  [')=', -1],
  ['</3', -1],
  ['t_t', -1],
  ['-_-', -1],
  ['>_<', -1],
  [':o', 0],
  [':$', 0],
  ['o_o', 0],
]);

const positiveEmoji =
  '😀😃😄😁😆😅😂🤣😊😇🙂😉😍🥰😘😗😙😚☺😋😛😜🤪😝🤗🤩😎🥳😻😸😹😺😽👍👏🙌💪🎉🎊🥂🍾❤🧡💛💚💙💜🤍🤎💕💖💗💓💞💘💝💟♥😌✨🌟⭐👌✌🤞💯🏆🌈☀🤑🥇💐🌹😁🆒🙆';
const negativeEmoji =
  '😞😔😟😕🙁☹😣😖😫😩😢😭😤😠😡🤬💔👎😒🙄😱😨😰😥😓🤢🤮😷🤒🤕😪😵🤯😬😿😾💩🖕😑🤦😦😧🥺🆘⚠😫🙅😈';

function codePointSet(text: string): ReadonlySet<number> {
  const set = new Set<number>();
  for (const char of text) {
    const codePoint = char.codePointAt(0);
    if (codePoint !== undefined) {
      set.add(codePoint);
    }
  }
  return set;
}

const positiveEmojiCodePoints = codePointSet(positiveEmoji);
const negativeEmojiCodePoints = codePointSet(negativeEmoji);

/** Polarity of an emoji, from its first code point: 1, -1, or 0 when it is not in either list. */
export function emojiPolarity(codePoint: number): -1 | 0 | 1 {
  if (positiveEmojiCodePoints.has(codePoint)) {
    return 1;
  }
  if (negativeEmojiCodePoints.has(codePoint)) {
    return -1;
  }
  return 0;
}
