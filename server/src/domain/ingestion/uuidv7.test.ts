import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from './uuidv7';

const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('uuidv7 has the version 7 / RFC variant layout and carries the time in its first 48 bits', () => {
  const at = Date.UTC(2026, 10, 25, 12, 0, 0, 123);
  const id = uuidv7(at + 1_000_000); // later than anything made by other tests in this process
  assert.match(id, shape);
  const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  assert.ok(ms >= at + 1_000_000 && ms < at + 1_000_100, `decoded ${ms}`);
});

test('uuidv7 ids sort in the order they were made, within one millisecond and across a clock step back', () => {
  const base = Date.UTC(2027, 0, 1);
  const ids: string[] = [];
  for (let i = 0; i < 10_000; i++) ids.push(uuidv7(base)); // more than the 4,096 one millisecond counts
  for (let i = 0; i < 100; i++) ids.push(uuidv7(base - 5_000)); // the clock went back
  ids.push(uuidv7(base + 60_000));
  for (const id of ids) assert.match(id, shape);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]} at ${i}`);
  assert.equal(new Set(ids).size, ids.length);
});
