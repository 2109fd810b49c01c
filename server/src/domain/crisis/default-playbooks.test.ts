import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crisisTypes } from '../../../../contracts';
import { defaultPlaybooks } from './default-playbooks';
import { playbookProblems } from './tasks';

describe('default playbooks', () => {
  it('exist for every crisis type and are valid (unique keys, known dependencies, no cycles)', () => {
    for (const type of crisisTypes) {
      assert.ok(defaultPlaybooks[type], type);
      assert.deepEqual(playbookProblems(defaultPlaybooks[type].content), [], type);
    }
  });

  for (const type of crisisTypes) {
    it(`${type}: follows crisis-communication practice`, () => {
      const { tasks, roles, holdingStatements, checklists } = defaultPlaybooks[type].content;
      const byKey = new Map(tasks.map((t) => [t.key, t]));
      const due = (key: string) => byKey.get(key)!.dueAfterMinutes;
      // Pause scheduled and paid content first (within 15 minutes).
      assert.ok(due('pause-content') <= 15);
      // Acknowledge quickly: a holding statement is published within the first hour…
      assert.ok(due('publish-holding') <= 60);
      // …and never before legal has reviewed it.
      assert.ok(byKey.get('publish-holding')!.dependsOn.includes('legal-review-holding'));
      assert.equal(byKey.get('legal-review-holding')!.department, 'legal');
      // Answer affected customers, brief stakeholders and employees, and prepare the review.
      for (const key of ['answer-customers', 'brief-stakeholders', 'brief-employees', 'prepare-review']) {
        assert.ok(byKey.has(key), key);
      }
      // Every statement task waits on the legal review.
      for (const t of tasks.filter(
        (x) => /statement|apology|facts page/i.test(x.title) && x.key !== 'legal-review-holding',
      )) {
        if (t.key === 'draft-holding') continue;
        assert.ok(
          t.dependsOn.includes('legal-review-holding') ||
            t.dependsOn.some((d) => byKey.get(d)?.dependsOn.includes('legal-review-holding')),
          `${type}: ${t.key} waits on legal`,
        );
      }
      assert.ok(
        roles.includes('crisis_lead') && roles.includes('spokesperson') && roles.includes('legal_counsel'),
      );
      assert.ok(holdingStatements.length > 0 && /\[TIME\]/.test(holdingStatements[0]!.body));
      assert.ok(checklists.some((c) => c.title === 'First hour'));
    });
  }
});
