// Time-ordered ids for mentions (RFC 9562 UUIDv7): 48 bits of Unix milliseconds, then a 12-bit counter that keeps
// ids made within one millisecond in order, then 62 random bits. Ids made later sort after earlier ones, so the
// mentions primary key grows at its right edge instead of taking random inserts across the whole btree.
import { randomFillSync } from 'node:crypto';

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const pool = Buffer.alloc(8 * 1024);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;

function randomBytes8(): Buffer {
  if (poolOffset + 8 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, poolOffset + 8);
  poolOffset += 8;
  return b;
}

/** A new UUIDv7, greater than every one this process made before (the clock going back does not break that). */
export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Start each millisecond at a random counter in the lower half, leaving room to count up.
    const r = randomBytes8();
    counter = ((r[0]! << 8) | r[1]!) & 0x7ff;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next millisecond rather than lose the order.
    lastMs++;
    counter = 0;
  }
  const ms = lastMs;
  const r = randomBytes8();
  const hi = Math.floor(ms / 2 ** 16); // top 32 of the 48 bits
  const lo = ms % 2 ** 16;
  return (
    hex[(hi >>> 24) & 0xff]! +
    hex[(hi >>> 16) & 0xff]! +
    hex[(hi >>> 8) & 0xff]! +
    hex[hi & 0xff]! +
    '-' +
    hex[(lo >>> 8) & 0xff]! +
    hex[lo & 0xff]! +
    '-' +
    hex[0x70 | (counter >>> 8)]! +
    hex[counter & 0xff]! +
    '-' +
    hex[0x80 | (r[0]! & 0x3f)]! +
    hex[r[1]!]! +
    '-' +
    hex[r[2]!]! +
    hex[r[3]!]! +
    hex[r[4]!]! +
    hex[r[5]!]! +
    hex[r[6]!]! +
    hex[r[7]!]!
  );
}
