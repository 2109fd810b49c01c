import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlaybookContent } from '../../../../contracts';
import { instantiatePlaybook, isOverdue, openDependencies, playbookProblems, wouldCycle } from './tasks';

const content = (tasks: Array<[string, number, string[]]>): PlaybookContent => ({
  tasks: tasks.map(([key, dueAfterMinutes, dependsOn]) => ({
    key,
    title: key,
    description: '',
    department: 'pr',
    dueAfterMinutes,
    dependsOn,
  })),
  roles: [],
  holdingStatements: [],
  checklists: [],
});

describe('crisis tasks', () => {
  it('instantiates a playbook with absolute deadlines after the declaration and owners per department', () => {
    const declaredAt = new Date('2026-11-20T10:00:00Z');
    const planned = instantiatePlaybook(
      content([
        ['draft', 30, []],
        ['review', 45, ['draft', 'gone']],
      ]),
      declaredAt,
      (d) => (d === 'pr' ? 'pat' : null),
    );
    assert.deepEqual(
      planned.map((p) => [p.key, p.deadline.toISOString(), p.ownerId, p.dependsOnKeys]),
      [
        ['draft', '2026-11-20T10:30:00.000Z', 'pat', []],
        ['review', '2026-11-20T10:45:00.000Z', 'pat', ['draft']],
      ],
    );
  });
  it('knows which dependencies are still open and refuses cycles', () => {
    const all = [
      { id: 'a', status: 'done' as const, dependsOn: [] },
      { id: 'b', status: 'todo' as const, dependsOn: ['a'] },
      { id: 'c', status: 'todo' as const, dependsOn: ['a', 'b'] },
    ];
    assert.deepEqual(openDependencies(all[2]!, all), ['b']);
    assert.equal(wouldCycle('a', ['c'], all), true);
    assert.equal(wouldCycle('c', ['a'], all), false);
  });
  it('is overdue only when open and past its deadline', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    assert.equal(isOverdue({ status: 'todo', deadline: new Date('2026-11-20T09:59:00Z') }, now), true);
    assert.equal(isOverdue({ status: 'done', deadline: new Date('2026-11-20T09:59:00Z') }, now), false);
    assert.equal(isOverdue({ status: 'doing', deadline: null }, now), false);
  });
  it('reports duplicate keys, unknown dependencies and cycles in a playbook', () => {
    assert.deepEqual(
      playbookProblems(
        content([
          ['a', 1, []],
          ['b', 2, ['a']],
        ]),
      ),
      [],
    );
    assert.deepEqual(
      playbookProblems(
        content([
          ['a', 1, []],
          ['a', 2, []],
        ]),
      ),
      ['task key "a" is used twice'],
    );
    assert.deepEqual(playbookProblems(content([['a', 1, ['x']]])), ['task "a" depends on unknown "x"']);
    assert.deepEqual(
      playbookProblems(
        content([
          ['a', 1, ['b']],
          ['b', 1, ['a']],
        ]),
      ),
      ['task "a" depends on itself through a cycle', 'task "b" depends on itself through a cycle'],
    );
  });
});
