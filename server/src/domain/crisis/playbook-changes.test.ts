import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlaybookContent } from '../../../../contracts';
import { describePlaybookChanges } from './playbook-changes';

const base: PlaybookContent = {
  tasks: [
    { key: 'draft', title: 'Draft', description: '', department: 'pr', dueAfterMinutes: 30, dependsOn: [] },
    {
      key: 'review',
      title: 'Review',
      description: '',
      department: 'legal',
      dueAfterMinutes: 45,
      dependsOn: ['draft'],
    },
  ],
  roles: ['crisis_lead', 'spokesperson'],
  holdingStatements: [{ title: 'Holding', body: 'We are aware.' }],
  checklists: [{ title: 'First hour', items: ['Pause content'] }],
};

describe('describePlaybookChanges', () => {
  it('describes the first version as created', () => {
    assert.deepEqual(describePlaybookChanges(null, base), [
      'created with 2 tasks, 2 roles, 1 holding statements and 1 checklists',
    ]);
  });
  it('names added, removed and edited tasks, roles, statements and checklists', () => {
    const next: PlaybookContent = {
      tasks: [
        { ...base.tasks[0]!, title: 'Draft the statement', dueAfterMinutes: 20 },
        {
          key: 'video',
          title: 'Debunk video',
          description: '',
          department: 'marketing',
          dueAfterMinutes: 120,
          dependsOn: ['draft'],
        },
      ],
      roles: ['crisis_lead', 'scribe'],
      holdingStatements: [{ title: 'Holding', body: 'We are aware and looking into it.' }],
      checklists: [{ title: 'Press', items: ['Brief the press office'] }],
    };
    assert.deepEqual(describePlaybookChanges(base, next), [
      'renamed task "Draft" to "Draft the statement"',
      'task "Draft the statement" due after 20 min (was 30 min)',
      'added task "Debunk video" (marketing, due after 2 h)',
      'removed task "Review"',
      'needs Scribe',
      'no longer needs Spokesperson',
      'edited holding statement "Holding"',
      'added checklist "Press"',
      'removed checklist "First hour"',
    ]);
  });
  it('finds nothing to say when nothing changed, and notices a mere reordering', () => {
    assert.deepEqual(describePlaybookChanges(base, structuredClone(base)), []);
    assert.deepEqual(describePlaybookChanges(base, { ...base, tasks: [...base.tasks].reverse() }), [
      'reordered tasks',
    ]);
  });
});
