// Who is on call: a rotation per department (members in order, each on call for a fixed period starting from
// an anchor time), with overrides (member, from, to) that win over the rotation. Pure.

export interface RotationSpec {
  memberIds: readonly string[];
  handoffEveryHours: number;
  startsAt: Date;
}

export interface OverrideSpec {
  memberId: string;
  startsAt: Date;
  endsAt: Date;
  /** Later overrides win over earlier ones when they overlap. */
  createdAt?: Date;
}

export interface DepartmentSchedule {
  rotation: RotationSpec | null;
  overrides: readonly OverrideSpec[];
}

/** The member on call for one department at `at`, or null when nobody is scheduled. */
export function whoIsOnCall(schedule: DepartmentSchedule, at: Date): string | null {
  const t = at.getTime();
  const active = schedule.overrides
    .filter((o) => o.startsAt.getTime() <= t && t < o.endsAt.getTime())
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  if (active.length > 0) return active[0]!.memberId;
  const rotation = schedule.rotation;
  if (!rotation || rotation.memberIds.length === 0) return null;
  const start = rotation.startsAt.getTime();
  if (t < start) return null;
  const period = rotation.handoffEveryHours * 3_600_000;
  const shift = Math.floor((t - start) / period);
  return rotation.memberIds[shift % rotation.memberIds.length]!;
}
