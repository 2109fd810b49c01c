import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canApply, isActive, isEscalating } from './status';

describe('signal status rules', () => {
  it('allows acknowledging, snoozing and dismissing only live signals', () => {
    assert.equal(canApply('acknowledge', 'open'), true);
    assert.equal(canApply('acknowledge', 'snoozed'), true);
    assert.equal(canApply('acknowledge', 'escalated'), false);
    assert.equal(canApply('snooze', 'dismissed'), false);
    assert.equal(canApply('dismiss', 'merged'), false);
    assert.equal(canApply('declare_crisis', 'escalated'), false, 'a crisis is declared once');
    assert.equal(canApply('declare_crisis', 'dismissed'), true);
  });

  it('escalates only open signals and lists open, acknowledged and snoozed ones as active', () => {
    assert.deepEqual(
      (['open', 'acknowledged', 'snoozed', 'merged', 'escalated', 'dismissed'] as const).map((s) => [
        isEscalating(s),
        isActive(s),
      ]),
      [
        [true, true],
        [false, true],
        [false, true],
        [false, false],
        [false, false],
        [false, false],
      ],
    );
  });
});
