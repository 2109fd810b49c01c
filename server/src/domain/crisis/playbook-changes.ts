import { crisisRoleLabels, type PlaybookContent, type PlaybookTask } from '../../../../contracts';

const minutes = (m: number) =>
  m % 1440 === 0 && m > 0 ? `${m / 1440} d` : m % 60 === 0 && m > 0 ? `${m / 60} h` : `${m} min`;

function taskChanges(before: PlaybookTask, after: PlaybookTask): string[] {
  const out: string[] = [];
  const name = `"${after.title}"`;
  if (before.title !== after.title) out.push(`renamed task "${before.title}" to ${name}`);
  if (before.department !== after.department) {
    out.push(`moved task ${name} from ${before.department} to ${after.department}`);
  }
  if (before.dueAfterMinutes !== after.dueAfterMinutes) {
    out.push(
      `task ${name} due after ${minutes(after.dueAfterMinutes)} (was ${minutes(before.dueAfterMinutes)})`,
    );
  }
  if (before.description !== after.description) out.push(`edited the description of task ${name}`);
  const deps = (t: PlaybookTask) => [...t.dependsOn].sort().join(',');
  if (deps(before) !== deps(after)) {
    out.push(
      after.dependsOn.length > 0
        ? `task ${name} now waits on ${after.dependsOn.join(', ')}`
        : `task ${name} no longer waits on anything`,
    );
  }
  return out;
}

/**
 * What changed from one playbook version to the next, in words (tasks by key, roles, holding statements and
 * checklists by title). The first version (no `before`) is described as created.
 */
export function describePlaybookChanges(before: PlaybookContent | null, after: PlaybookContent): string[] {
  if (!before) {
    return [
      `created with ${after.tasks.length} tasks, ${after.roles.length} roles, ` +
        `${after.holdingStatements.length} holding statements and ${after.checklists.length} checklists`,
    ];
  }
  const out: string[] = [];
  const beforeTasks = new Map(before.tasks.map((t) => [t.key, t]));
  const afterKeys = new Set(after.tasks.map((t) => t.key));
  for (const t of after.tasks) {
    const old = beforeTasks.get(t.key);
    if (!old) out.push(`added task "${t.title}" (${t.department}, due after ${minutes(t.dueAfterMinutes)})`);
    else out.push(...taskChanges(old, t));
  }
  for (const t of before.tasks) if (!afterKeys.has(t.key)) out.push(`removed task "${t.title}"`);

  const addedRoles = after.roles.filter((r) => !before.roles.includes(r));
  const removedRoles = before.roles.filter((r) => !after.roles.includes(r));
  if (addedRoles.length > 0) out.push(`needs ${addedRoles.map((r) => crisisRoleLabels[r]).join(', ')}`);
  if (removedRoles.length > 0) {
    out.push(`no longer needs ${removedRoles.map((r) => crisisRoleLabels[r]).join(', ')}`);
  }

  const named = <T extends { title: string }>(
    kind: string,
    a: readonly T[],
    b: readonly T[],
    same: (x: T, y: T) => boolean,
  ) => {
    const old = new Map(a.map((x) => [x.title, x]));
    const titles = new Set(b.map((x) => x.title));
    for (const x of b) {
      const was = old.get(x.title);
      if (!was) out.push(`added ${kind} "${x.title}"`);
      else if (!same(was, x)) out.push(`edited ${kind} "${x.title}"`);
    }
    for (const x of a) if (!titles.has(x.title)) out.push(`removed ${kind} "${x.title}"`);
  };
  named('holding statement', before.holdingStatements, after.holdingStatements, (x, y) => x.body === y.body);
  named(
    'checklist',
    before.checklists,
    after.checklists,
    (x, y) => x.items.join('\n') === y.items.join('\n'),
  );

  const order = (c: PlaybookContent) => c.tasks.map((t) => t.key).join(',');
  if (out.length === 0 && order(before) !== order(after)) out.push('reordered tasks');
  return out;
}
