import {
  type AddOverrideInput,
  type Department,
  departments,
  type OnCallOverride,
  type OnCallRotation,
  type OnCallSchedule,
} from '../../../contracts';
import type { z } from 'zod';
import type { Actor } from '../domain/actor';
import { type DepartmentSchedule, whoIsOnCall } from '../domain/crisis/on-call';
import { InvalidError, NotFoundError } from '../errors';
import type { Clock } from '../repositories/clock.repository';
import type { CrisisTransact } from '../repositories/crisis.repository';
import type { IdentityRepository } from '../repositories/identity.repository';
import type { OnCallRepository, OverrideRow, RotationRow } from '../repositories/on-call.repository';
import { authorize } from './authorize';

function presentRotation(row: RotationRow): OnCallRotation {
  return {
    department: row.department as Department,
    memberIds: row.memberIds,
    handoffEveryHours: row.handoffEveryHours,
    startsAt: row.startsAt.toISOString(),
  };
}

function presentOverride(row: OverrideRow): OnCallOverride {
  return {
    id: row.id,
    department: row.department as Department,
    memberId: row.memberId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  };
}

/** Builds each department's schedule from stored rows (shared with the crisis service and, later, alerting). */
export function schedulesOf(
  rotations: readonly RotationRow[],
  overrides: readonly OverrideRow[],
): Record<Department, DepartmentSchedule> {
  const out = {} as Record<Department, DepartmentSchedule>;
  for (const department of departments) {
    const r = rotations.find((x) => x.department === department);
    out[department] = {
      rotation: r
        ? { memberIds: r.memberIds, handoffEveryHours: r.handoffEveryHours, startsAt: r.startsAt }
        : null,
      overrides: overrides
        .filter((o) => o.department === department)
        .map((o) => ({
          memberId: o.memberId,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          createdAt: o.createdAt,
        })),
    };
  }
  return out;
}

/** On-call rotations and overrides per department (minimal model; detection's alerting extends it). */
export class OnCallService {
  constructor(
    private readonly deps: {
      onCall: OnCallRepository;
      identity: IdentityRepository;
      transact: CrisisTransact;
      clock: Clock;
    },
  ) {}

  async get(actor: Actor): Promise<OnCallSchedule> {
    authorize(actor, 'on_call.read');
    const now = this.deps.clock.now();
    const rotations = await this.deps.onCall.rotations(actor.workspaceId);
    const overrides = await this.deps.onCall.overrides(actor.workspaceId, now);
    return {
      rotations: rotations.map(presentRotation),
      overrides: overrides.map(presentOverride),
      now: await this.whoIsOnCallNow(actor.workspaceId, now, rotations, overrides),
    };
  }

  /** The member on call per department at `at` (active members only). */
  async whoIsOnCallNow(
    workspaceId: string,
    at: Date,
    rotations?: RotationRow[],
    overrides?: OverrideRow[],
  ): Promise<Record<Department, string | null>> {
    const rs = rotations ?? (await this.deps.onCall.rotations(workspaceId));
    const os = overrides ?? (await this.deps.onCall.overrides(workspaceId, at));
    const active = new Set(
      (await this.deps.identity.listMembers(workspaceId))
        .filter((m) => m.status === 'active')
        .map((m) => m.id),
    );
    const schedules = schedulesOf(rs, os);
    const out = {} as Record<Department, string | null>;
    for (const d of departments) {
      const who = whoIsOnCall(schedules[d], at);
      out[d] = who && active.has(who) ? who : null;
    }
    return out;
  }

  async setRotation(actor: Actor, input: OnCallRotation): Promise<OnCallRotation> {
    authorize(actor, 'on_call.manage');
    await this.requireMembers(actor.workspaceId, input.memberIds);
    return this.deps.transact(async (uow) => {
      const row = await uow.onCall.upsertRotation({
        workspaceId: actor.workspaceId,
        department: input.department,
        memberIds: input.memberIds,
        handoffEveryHours: input.handoffEveryHours,
        startsAt: new Date(input.startsAt),
      });
      await uow.audit.append(actor, {
        action: 'on_call.rotation_set',
        targetType: 'on_call_rotation',
        targetId: row.id,
        summary: {
          department: input.department,
          memberIds: input.memberIds,
          handoffEveryHours: input.handoffEveryHours,
        },
      });
      await uow.events.append(actor.workspaceId, 'on_call.updated', { department: input.department });
      return presentRotation(row);
    });
  }

  async addOverride(actor: Actor, input: z.infer<typeof AddOverrideInput>): Promise<OnCallOverride> {
    authorize(actor, 'on_call.manage');
    await this.requireMembers(actor.workspaceId, [input.memberId]);
    return this.deps.transact(async (uow) => {
      const row = await uow.onCall.insertOverride({
        workspaceId: actor.workspaceId,
        department: input.department,
        memberId: input.memberId,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
      });
      await uow.audit.append(actor, {
        action: 'on_call.override_added',
        targetType: 'on_call_override',
        targetId: row.id,
        summary: {
          department: input.department,
          memberId: input.memberId,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
        },
      });
      await uow.events.append(actor.workspaceId, 'on_call.updated', { department: input.department });
      return presentOverride(row);
    });
  }

  async removeOverride(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'on_call.manage');
    await this.deps.transact(async (uow) => {
      const row = await uow.onCall.deleteOverride(actor.workspaceId, id);
      if (!row) throw new NotFoundError('On-call override');
      await uow.audit.append(actor, {
        action: 'on_call.override_removed',
        targetType: 'on_call_override',
        targetId: id,
        summary: { department: row.department, memberId: row.memberId },
      });
      await uow.events.append(actor.workspaceId, 'on_call.updated', { department: row.department });
    });
  }

  private async requireMembers(workspaceId: string, ids: readonly string[]): Promise<void> {
    const members = new Map((await this.deps.identity.listMembers(workspaceId)).map((m) => [m.id, m]));
    const unknown = ids.filter((id) => members.get(id)?.status !== 'active');
    if (unknown.length > 0) {
      throw new InvalidError('Only active members of this workspace can be on call.', { memberIds: unknown });
    }
  }
}
