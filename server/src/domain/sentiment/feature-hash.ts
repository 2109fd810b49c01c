// String hashing for the hashing trick: FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so that
// the low bits (the bucket) are well mixed. Everything works on numbers so that the hot path builds no strings.

export const fnvOffset = 0x811c9dc5;
const fnvPrime = 0x01000193;

/** FNV-1a of `text`, continuing from `seed` (pass the hash of a namespace to keep feature families apart). */
export function fnv1a(text: string, seed: number = fnvOffset): number {
  let hash = seed | 0;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), fnvPrime);
  }
  return hash;
}

/** One more code unit into an FNV-1a hash. */
export function fnvStep(hash: number, codeUnit: number): number {
  return Math.imul(hash ^ codeUnit, fnvPrime);
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An order-sensitive hash of two hashes (for bigrams). */
export function combineHashes(first: number, second: number): number {
  return fmix32(Math.imul(first ^ 0x27d4eb2f, 0x165667b1) ^ (second + 0x9e3779b9));
}
