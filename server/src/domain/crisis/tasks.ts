import type { Department, PlaybookContent, TaskStatus } from '../../../../contracts';

export interface TaskLike {
  id: string;
  status: TaskStatus;
  dependsOn: readonly string[];
}

/** Dependencies of `task` that are not done yet: while any is open the task cannot be done. */
export function openDependencies(task: Pick<TaskLike, 'dependsOn'>, all: readonly TaskLike[]): string[] {
  const byId = new Map(all.map((t) => [t.id, t]));
  return task.dependsOn.filter((id) => byId.get(id)?.status !== 'done');
}

/** True when making `taskId` depend on `dependsOn` would close a cycle. */
export function wouldCycle(taskId: string, dependsOn: readonly string[], all: readonly TaskLike[]): boolean {
  const byId = new Map(all.map((t) => [t.id, t]));
  const seen = new Set<string>();
  const stack = [...dependsOn];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === taskId) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return false;
}

export function isOverdue(task: { status: TaskStatus; deadline: Date | null }, now: Date): boolean {
  return task.status !== 'done' && task.deadline !== null && task.deadline.getTime() <= now.getTime();
}

export interface InstantiatedTask {
  key: string;
  title: string;
  description: string;
  department: Department;
  ownerId: string | null;
  deadline: Date;
  dependsOnKeys: string[];
}

/** The playbook's tasks with absolute deadlines (declaration + offset) and owners from the department's holder. */
export function instantiatePlaybook(
  content: PlaybookContent,
  declaredAt: Date,
  ownerOf: (department: Department) => string | null,
): InstantiatedTask[] {
  const keys = new Set(content.tasks.map((t) => t.key));
  return content.tasks.map((t) => ({
    key: t.key,
    title: t.title,
    description: t.description,
    department: t.department,
    ownerId: ownerOf(t.department),
    deadline: new Date(declaredAt.getTime() + t.dueAfterMinutes * 60_000),
    dependsOnKeys: t.dependsOn.filter((k) => keys.has(k) && k !== t.key),
  }));
}

/** Problems with a playbook's tasks (duplicate keys, unknown or cyclic dependencies); empty when valid. */
export function playbookProblems(content: PlaybookContent): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const t of content.tasks) {
    if (keys.has(t.key)) problems.push(`task key "${t.key}" is used twice`);
    keys.add(t.key);
  }
  for (const t of content.tasks) {
    for (const d of t.dependsOn) if (!keys.has(d)) problems.push(`task "${t.key}" depends on unknown "${d}"`);
  }
  const asTasks = content.tasks.map((t) => ({ id: t.key, status: 'todo' as const, dependsOn: t.dependsOn }));
  for (const t of asTasks) {
    if (wouldCycle(t.id, t.dependsOn, asTasks)) {
      problems.push(`task "${t.id}" depends on itself through a cycle`);
    }
  }
  return problems;
}
