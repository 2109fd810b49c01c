import type { z } from 'zod';
import {
  type AddFactInput,
  type AssignRoleInput,
  type CreateTaskInput,
  type Crisis,
  type CrisisMessage,
  type CrisisRole,
  crisisRoleLabels,
  crisisRoles,
  type CrisisRoom,
  type CrisisStatus,
  type CrisisTask,
  type CrisisType,
  type Decision,
  DeclareCrisisInput,
  type Department,
  type FactItem,
  type MembershipRole,
  type RecordDecisionInput,
  type RoleAssignment,
  type Severity,
  type Sitrep,
  type SitrepInput,
  type TimelineEntry,
  type UpdateFactInput,
  type UpdateTaskInput,
} from '../../../contracts';
import type { Actor } from '../domain/actor';
import {
  canAct,
  canSteer,
  type CrisisCapability,
  crisisCapability,
} from '../domain/crisis/crisis-permissions';
import { extractMentions } from '../domain/crisis/mentions';
import { departmentLeadRole, fillRoles } from '../domain/crisis/roles';
import { nextSitrepDue } from '../domain/crisis/sitrep';
import { canTransition, isOpen } from '../domain/crisis/status-machine';
import { instantiatePlaybook, openDependencies, wouldCycle } from '../domain/crisis/tasks';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import type { Clock } from '../repositories/clock.repository';
import type {
  CrisisRepository,
  CrisisRow,
  CrisisTransact,
  CrisisUnitOfWork,
  DecisionRow,
  FactRow,
  MessageRow,
  RoleAssignmentRow,
  SitrepRow,
  TaskPatch,
  TaskRow,
  TimelineRow,
} from '../repositories/crisis.repository';
import type { IdentityRepository, MemberRecord } from '../repositories/identity.repository';
import type { JobRepository, RetryPolicy } from '../repositories/job.repository';
import { authorize } from './authorize';
import type { OnCallService } from './on-call.service';
import type { PlaybookService } from './playbook.service';

/** Durable jobs of the war room (handlers in jobs/crisis.jobs.ts). */
export const crisisJobNames = { taskOverdue: 'crisis.task-overdue', sitrepDue: 'crisis.sitrep-due' } as const;
export const crisisJobRetry: RetryPolicy = { retryLimit: 5, retryDelaySeconds: 10, backoff: true };

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function presentCrisis(row: CrisisRow, leadId: string | null): Crisis {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    type: row.type as CrisisType,
    severity: row.severity as Severity,
    status: row.status as CrisisStatus,
    brandId: row.brandId,
    signalId: row.signalId,
    evidenceMentionIds: row.evidenceMentionIds,
    playbookVersionId: row.playbookVersionId,
    playbookVersion: row.playbookVersion,
    declaredBy: row.declaredBy,
    declaredAt: iso(row.declaredAt),
    statusChangedAt: iso(row.statusChangedAt),
    nextSitrepDueAt: isoOrNull(row.nextSitrepDueAt),
    leadId,
    updatedAt: iso(row.updatedAt),
  };
}

function presentRole(row: RoleAssignmentRow, names: Map<string, string>): RoleAssignment {
  return {
    id: row.id,
    role: row.role as MembershipRole,
    memberId: row.memberId,
    memberName: names.get(row.memberId) ?? 'former member',
    assumedAt: iso(row.assumedAt),
    handedOverAt: isoOrNull(row.handedOverAt),
    source: row.source as RoleAssignment['source'],
  };
}

function presentTimeline(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    crisisId: row.crisisId,
    kind: row.kind as TimelineEntry['kind'],
    summary: row.summary,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    at: iso(row.at),
  };
}

function presentMessage(row: MessageRow): CrisisMessage {
  return {
    id: row.id,
    crisisId: row.crisisId,
    authorId: row.authorId,
    authorName: row.authorName,
    body: row.body,
    mentions: row.mentions,
    createdAt: iso(row.createdAt),
  };
}

function presentDecision(row: DecisionRow): Decision {
  return {
    id: row.id,
    crisisId: row.crisisId,
    decision: row.decision,
    rationale: row.rationale,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: iso(row.decidedAt),
  };
}

function presentFact(row: FactRow): FactItem {
  return {
    id: row.id,
    crisisId: row.crisisId,
    kind: row.kind as FactItem['kind'],
    text: row.text,
    updatedAt: iso(row.updatedAt),
  };
}

function presentTask(row: TaskRow): CrisisTask {
  return {
    id: row.id,
    crisisId: row.crisisId,
    title: row.title,
    description: row.description,
    department: row.department as Department,
    ownerId: row.ownerId,
    deadline: isoOrNull(row.deadline),
    status: row.status as CrisisTask['status'],
    dependsOn: row.dependsOn,
    escalatedAt: isoOrNull(row.escalatedAt),
    completedAt: isoOrNull(row.completedAt),
    createdAt: iso(row.createdAt),
  };
}

function presentSitrep(row: SitrepRow): Sitrep {
  return {
    id: row.id,
    crisisId: row.crisisId,
    situation: row.situation,
    actions: row.actions,
    needs: row.needs,
    authorId: row.authorId,
    authorName: row.authorName,
    createdAt: iso(row.createdAt),
  };
}

interface Loaded {
  crisis: CrisisRow;
  /** Current roles: every seat with `allRoles`, otherwise the actor's own and the lead's. */
  current: RoleAssignmentRow[];
  capability: CrisisCapability;
  actorName: string;
}

interface MutateOptions {
  /** `share` for additions that touch no shared state (messages, notes, decisions); `update` otherwise. */
  lock?: 'update' | 'share';
  /** Load every current seat (role changes need them); by default only the actor's and the lead's. */
  allRoles?: boolean;
}

interface AfterCommit {
  overdue: Array<{ taskId: string; deadline: Date }>;
  sitrepDueAt?: Date | undefined;
}

/** The crisis war room: declare, roles, discussion, timeline, decisions, facts, tasks, situation reports. */
export class CrisisService {
  private queuesReady: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      crises: CrisisRepository;
      identity: IdentityRepository;
      transact: CrisisTransact;
      clock: Clock;
      jobs: JobRepository;
      playbooks: PlaybookService;
      onCall: OnCallService;
    },
  ) {}

  // ---------- reads ----------

  async list(actor: Actor): Promise<Crisis[]> {
    authorize(actor, 'crisis.read');
    const rows = await this.deps.crises.list(actor.workspaceId);
    const leads = await this.deps.crises.currentLeads(rows.map((r) => r.id));
    return rows.map((r) => presentCrisis(r, leads.get(r.id) ?? null));
  }

  async room(actor: Actor, id: string): Promise<CrisisRoom> {
    authorize(actor, 'crisis.read');
    const c = this.deps.crises;
    const crisis = await c.find(actor.workspaceId, id);
    if (!crisis) throw new NotFoundError('Crisis');
    const roles = await c.roles(id);
    const names = await this.memberNames(actor.workspaceId);
    const current = roles.filter((r) => r.handedOverAt === null);
    return {
      crisis: presentCrisis(crisis, current.find((r) => r.role === 'crisis_lead')?.memberId ?? null),
      roles: roles.map((r) => presentRole(r, names)),
      timeline: (await c.timeline(id)).map(presentTimeline),
      messages: (await c.messages(id)).map(presentMessage),
      decisions: (await c.decisions(id)).map(presentDecision),
      facts: (await c.facts(id)).map(presentFact),
      tasks: (await c.tasks(id)).map(presentTask),
      sitreps: (await c.sitreps(id)).map(presentSitrep),
      playbook: await this.deps.playbooks.usedBy(actor.workspaceId, crisis),
      capability: this.capabilityOf(actor, current),
    };
  }

  // ---------- declare ----------

  async declare(actor: Actor, raw: z.input<typeof DeclareCrisisInput>): Promise<Crisis> {
    authorize(actor, 'crisis.declare');
    const input = DeclareCrisisInput.parse(raw);
    const evidence = [...new Set(input.evidenceMentionIds.map((m) => m.toLowerCase()))];
    if (input.brandId && !(await this.deps.crises.brandExists(actor.workspaceId, input.brandId))) {
      throw new InvalidError('brandId is not a brand of this workspace', { brandId: input.brandId });
    }
    if (evidence.length > 0) {
      const found = await this.deps.crises.existingMentionIds(actor.workspaceId, evidence);
      const unknown = evidence.filter((m) => !found.has(m));
      if (unknown.length > 0) {
        throw new InvalidError('evidenceMentionIds names mentions not in this workspace', { unknown });
      }
    }
    const now = this.deps.clock.now();
    await this.deps.playbooks.seedDefaults(actor.workspaceId);
    const onCall = await this.deps.onCall.whoIsOnCallNow(actor.workspaceId, now);
    const names = await this.memberNames(actor.workspaceId);
    const declarerId = actor.kind === 'member' ? actor.id : null;
    const filled = fillRoles(onCall, declarerId);
    const holderOf = new Map<CrisisRole, string>(filled.map((f) => [f.role, f.memberId]));
    const ownerOf = (d: Department) => holderOf.get(departmentLeadRole[d]) ?? onCall[d] ?? null;

    const after: AfterCommit = { overdue: [] };
    const result = await this.deps.transact(async (uow) => {
      const version = await this.deps.playbooks.currentFor(uow, actor.workspaceId, input.type);
      const sitrepDueAt = nextSitrepDue(input.severity, now);
      const row = await uow.crises.insert({
        workspaceId: actor.workspaceId,
        title: input.title,
        summary: input.summary,
        type: input.type,
        severity: input.severity,
        status: 'active',
        brandId: input.brandId ?? null,
        signalId: input.signalId ?? null,
        evidenceMentionIds: evidence,
        playbookVersionId: version.id,
        playbookVersion: version.version,
        declaredBy: declarerId,
        declaredAt: now,
        statusChangedAt: now,
        nextSitrepDueAt: sitrepDueAt,
      });
      after.sitrepDueAt = sitrepDueAt;
      const actorName = this.nameOf(actor, names);
      const timeline = (kind: TimelineEntry['kind'], summary: string, data: Record<string, unknown> = {}) =>
        this.appendTimeline(uow, actor, actorName, row, kind, summary, data, now);

      await timeline(
        'declared',
        `${actorName} declared a ${input.severity} ${input.type.replace(/_/g, ' ')} crisis (status active), playbook v${version.version}`,
        { severity: input.severity, type: input.type, signalId: input.signalId ?? null },
      );
      if (input.signalId) {
        await timeline(
          'signal',
          `Declared from signal ${input.signalId} with ${evidence.length} evidence mentions`,
          { signalId: input.signalId, evidenceMentionIds: evidence },
        );
      } else if (evidence.length > 0) {
        await timeline('signal', `Declared with ${evidence.length} evidence mentions`, {
          evidenceMentionIds: evidence,
        });
      }

      await uow.crises.insertRoles(
        filled.map((f) => ({
          crisisId: row.id,
          role: f.role,
          memberId: f.memberId,
          source: f.source,
          assumedAt: now,
        })),
      );
      for (const f of filled) {
        await timeline(
          'role',
          `${names.get(f.memberId) ?? 'someone'} is ${crisisRoleLabels[f.role]} (${f.source === 'on_call' ? 'on call' : 'declarer'})`,
          { role: f.role, memberId: f.memberId },
        );
      }
      const openRoles = version.content.roles.filter((r) => !holderOf.has(r));
      if (openRoles.length > 0) {
        await timeline(
          'role',
          `Nobody on call for: ${openRoles.map((r) => crisisRoleLabels[r]).join(', ')}; assign by hand`,
        );
      }

      const planned = instantiatePlaybook(version.content, now, ownerOf);
      const ids = new Map(planned.map((p) => [p.key, globalThis.crypto.randomUUID()]));
      const tasks = await uow.crises.insertTasks(
        planned.map((p) => ({
          id: ids.get(p.key)!,
          crisisId: row.id,
          playbookTaskKey: p.key,
          title: p.title,
          description: p.description,
          department: p.department,
          ownerId: p.ownerId,
          deadline: p.deadline,
          status: 'todo',
          dependsOn: p.dependsOnKeys.map((k) => ids.get(k)!),
        })),
      );
      if (tasks.length > 0) {
        await timeline(
          'task',
          `${tasks.length} tasks from the ${input.type.replace(/_/g, ' ')} playbook v${version.version}`,
        );
      }
      after.overdue = tasks.map((t) => ({ taskId: t.id, deadline: t.deadline! }));

      await uow.audit.append(actor, {
        action: 'crisis.declared',
        targetType: 'crisis',
        targetId: row.id,
        summary: {
          title: input.title,
          type: input.type,
          severity: input.severity,
          signalId: input.signalId ?? null,
          playbookVersion: version.version,
          roles: Object.fromEntries(filled.map((f) => [f.role, f.memberId])),
        },
      });
      const crisis = presentCrisis(row, holderOf.get('crisis_lead') ?? null);
      await uow.events.append(actor.workspaceId, 'crisis.declared', crisis);
      return crisis;
    });
    await this.scheduleAfterCommit(actor.workspaceId, result.id, after);
    return result;
  }

  // ---------- status and severity (crisis lead, owners, admins) ----------

  async changeStatus(actor: Actor, id: string, status: CrisisStatus, note?: string): Promise<Crisis> {
    authorize(actor, 'crisis.participate');
    const after: AfterCommit = { overdue: [] };
    const result = await this.mutate(actor, id, 'steer', async (uow, l) => {
      const from = l.crisis.status as CrisisStatus;
      if (from === status) return this.presentWithLead(l.crisis, l.current);
      if (!canTransition(from, status)) throw new ConflictError(`A ${from} crisis cannot move to ${status}.`);
      const now = this.deps.clock.now();
      // Reports are due only while the crisis is worked. A crisis that flares up again starts a fresh cadence,
      // and its open tasks escalate again (their jobs found it closed and stood down).
      let nextSitrepDueAt = l.crisis.nextSitrepDueAt;
      if (!isOpen(status)) nextSitrepDueAt = null;
      else if (!isOpen(from)) {
        nextSitrepDueAt = nextSitrepDue(l.crisis.severity as Severity, now);
        after.sitrepDueAt = nextSitrepDueAt;
        for (const t of await uow.crises.tasks(id)) {
          if (t.status !== 'done' && t.deadline && !t.escalatedAt) {
            after.overdue.push({ taskId: t.id, deadline: t.deadline });
          }
        }
      }
      const row = await uow.crises.update(actor.workspaceId, id, {
        status,
        statusChangedAt: now,
        nextSitrepDueAt,
      });
      await this.appendTimeline(
        uow,
        actor,
        l.actorName,
        row,
        'status',
        `${l.actorName} changed status ${from} → ${status}${note ? `: ${note}` : ''}`,
        { from, to: status },
        now,
      );
      await uow.audit.append(actor, {
        action: 'crisis.status_changed',
        targetType: 'crisis',
        targetId: id,
        summary: { from, to: status, note: note ?? null },
      });
      const crisis = this.presentWithLead(row, l.current);
      await uow.events.append(actor.workspaceId, 'crisis.updated', crisis);
      return crisis;
    });
    await this.scheduleAfterCommit(actor.workspaceId, id, after);
    return result;
  }

  async changeSeverity(actor: Actor, id: string, severity: Severity, note?: string): Promise<Crisis> {
    authorize(actor, 'crisis.participate');
    let sitrepDueAt: Date | undefined;
    const crisis = await this.mutate(actor, id, 'steer', async (uow, l) => {
      const from = l.crisis.severity as Severity;
      if (from === severity) return this.presentWithLead(l.crisis, l.current);
      const now = this.deps.clock.now();
      // A higher severity reports more often: the next report comes no later than the new cadence says.
      // A closed crisis has no report due.
      const candidate = nextSitrepDue(severity, now);
      const due = !isOpen(l.crisis.status as CrisisStatus)
        ? null
        : l.crisis.nextSitrepDueAt && l.crisis.nextSitrepDueAt < candidate
          ? l.crisis.nextSitrepDueAt
          : candidate;
      if (due && due !== l.crisis.nextSitrepDueAt) sitrepDueAt = due;
      const row = await uow.crises.update(actor.workspaceId, id, { severity, nextSitrepDueAt: due });
      await this.appendTimeline(
        uow,
        actor,
        l.actorName,
        row,
        'severity',
        `${l.actorName} changed severity ${from} → ${severity}${note ? `: ${note}` : ''}`,
        { from, to: severity },
        now,
      );
      await uow.audit.append(actor, {
        action: 'crisis.severity_changed',
        targetType: 'crisis',
        targetId: id,
        summary: { from, to: severity, note: note ?? null },
      });
      const out = this.presentWithLead(row, l.current);
      await uow.events.append(actor.workspaceId, 'crisis.updated', out);
      return out;
    });
    if (sitrepDueAt) await this.scheduleAfterCommit(actor.workspaceId, id, { overdue: [], sitrepDueAt });
    return crisis;
  }

  // ---------- roles ----------

  /**
   * Gives a role to a member. Single-holder roles hand over: the current tenure ends now and the new one
   * starts. The crisis lead (or an owner/admin) assigns any role; anyone who can act may join as participant.
   */
  async assignRole(actor: Actor, id: string, input: AssignRoleInput): Promise<RoleAssignment[]> {
    authorize(actor, 'crisis.participate');
    const selfJoin = input.role === 'participant' && input.memberId === actor.id;
    return this.mutate(
      actor,
      id,
      selfJoin ? 'act' : 'steer',
      async (uow, l) => {
        const member = await uow.identity.findMember(actor.workspaceId, input.memberId);
        if (!member || member.status !== 'active') {
          throw new InvalidError('Only active members can hold a crisis role.');
        }
        if (member.role === 'viewer' && input.role !== 'observer') {
          throw new InvalidError('A viewer can only observe a crisis.');
        }
        const now = this.deps.clock.now();
        const single = (crisisRoles as readonly string[]).includes(input.role);
        const holders = l.current.filter((r) => r.role === input.role);
        if (holders.some((h) => h.memberId === input.memberId)) {
          return this.presentRoles(uow, actor.workspaceId, id);
        }
        if (single) for (const h of holders) await uow.crises.handOver(h.id, now);
        await uow.crises.insertRoles([
          { crisisId: id, role: input.role, memberId: input.memberId, source: 'manual', assumedAt: now },
        ]);
        const previous =
          single && holders[0]
            ? (await this.memberNames(actor.workspaceId, uow.identity)).get(holders[0].memberId)
            : null;
        await this.appendTimeline(
          uow,
          actor,
          l.actorName,
          l.crisis,
          'role',
          previous
            ? `${crisisRoleLabels[input.role]} handed over from ${previous} to ${member.name}`
            : `${member.name} is ${crisisRoleLabels[input.role]}`,
          { role: input.role, memberId: input.memberId, previousMemberId: holders[0]?.memberId ?? null },
          now,
        );
        await uow.audit.append(actor, {
          action: 'crisis.role_assigned',
          targetType: 'crisis',
          targetId: id,
          summary: {
            role: input.role,
            memberId: input.memberId,
            previousMemberId: holders[0]?.memberId ?? null,
          },
        });
        const roles = await this.presentRoles(uow, actor.workspaceId, id);
        await uow.events.append(actor.workspaceId, 'crisis.roles.updated', { crisisId: id, roles });
        if (input.role === 'crisis_lead') {
          const row = (await uow.crises.find(actor.workspaceId, id))!;
          await uow.events.append(actor.workspaceId, 'crisis.updated', presentCrisis(row, input.memberId));
        }
        return roles;
      },
      { allRoles: true },
    );
  }

  /** Ends one tenure (the lead releases someone from a role, or a member leaves as participant/observer). */
  async endRole(actor: Actor, id: string, assignmentId: string): Promise<RoleAssignment[]> {
    authorize(actor, 'crisis.participate');
    return this.mutate(
      actor,
      id,
      'act',
      async (uow, l) => {
        const target = l.current.find((r) => r.id === assignmentId);
        if (!target) throw new NotFoundError('Role assignment');
        const own = target.memberId === actor.id && target.role === 'participant';
        if (!own && !canSteer(l.capability)) {
          throw new ForbiddenError('Only the crisis lead changes who holds a role.');
        }
        const now = this.deps.clock.now();
        await uow.crises.handOver(target.id, now);
        const name =
          (await this.memberNames(actor.workspaceId, uow.identity)).get(target.memberId) ?? 'someone';
        await this.appendTimeline(
          uow,
          actor,
          l.actorName,
          l.crisis,
          'role',
          `${name} is no longer ${crisisRoleLabels[target.role as MembershipRole]}`,
          { role: target.role, memberId: target.memberId },
          now,
        );
        await uow.audit.append(actor, {
          action: 'crisis.role_ended',
          targetType: 'crisis',
          targetId: id,
          summary: { role: target.role, memberId: target.memberId },
        });
        const roles = await this.presentRoles(uow, actor.workspaceId, id);
        await uow.events.append(actor.workspaceId, 'crisis.roles.updated', { crisisId: id, roles });
        return roles;
      },
      { allRoles: true },
    );
  }

  // ---------- discussion, notes, decisions, facts ----------

  async postMessage(actor: Actor, id: string, body: string): Promise<CrisisMessage> {
    authorize(actor, 'crisis.participate');
    return this.mutate(
      actor,
      id,
      'act',
      async (uow, l) => {
        // Most messages name nobody: load the workspace's members only when there is an @ to resolve.
        const members = body.includes('@')
          ? (await uow.identity.listMembers(actor.workspaceId)).filter((m) => m.status === 'active')
          : [];
        const mentions = extractMentions(body, members);
        const row = await uow.crises.insertMessage({
          crisisId: id,
          authorId: actor.kind === 'member' ? actor.id : null,
          authorName: l.actorName,
          body,
          mentions,
          createdAt: this.deps.clock.now(),
        });
        await uow.audit.append(actor, {
          action: 'crisis.message_posted',
          targetType: 'crisis',
          targetId: id,
          summary: { messageId: row.id, mentions },
        });
        const message = presentMessage(row);
        await uow.events.append(actor.workspaceId, 'crisis.message.posted', message);
        // Everyone in the room sees the message; the people it names also get a notification.
        for (const memberId of mentions) {
          if (memberId === message.authorId) continue;
          await uow.events.append(actor.workspaceId, 'crisis.notification', {
            memberId,
            crisisId: id,
            kind: 'mention',
            message: `${l.actorName} mentioned you in "${l.crisis.title}": ${body.slice(0, 280)}`,
          });
        }
        return message;
      },
      { lock: 'share' },
    );
  }

  async addNote(actor: Actor, id: string, text: string): Promise<TimelineEntry> {
    authorize(actor, 'crisis.participate');
    return this.mutate(
      actor,
      id,
      'act',
      async (uow, l) => {
        const entry = await this.appendTimeline(
          uow,
          actor,
          l.actorName,
          l.crisis,
          'note',
          text,
          {},
          this.deps.clock.now(),
        );
        await uow.audit.append(actor, {
          action: 'crisis.note_added',
          targetType: 'crisis',
          targetId: id,
          summary: { entryId: entry.id },
        });
        return entry;
      },
      { lock: 'share' },
    );
  }

  async recordDecision(
    actor: Actor,
    id: string,
    input: z.infer<typeof RecordDecisionInput>,
  ): Promise<Decision> {
    authorize(actor, 'crisis.participate');
    return this.mutate(
      actor,
      id,
      'act',
      async (uow, l) => {
        let decidedBy = actor.kind === 'member' ? actor.id : null;
        let decidedByName = l.actorName;
        if (input.decidedBy) {
          const m = await uow.identity.findMember(actor.workspaceId, input.decidedBy);
          if (!m) throw new InvalidError('decidedBy is not a member of this workspace');
          decidedBy = m.id;
          decidedByName = m.name;
        }
        const now = this.deps.clock.now();
        const row = await uow.crises.insertDecision({
          crisisId: id,
          decision: input.decision,
          rationale: input.rationale,
          decidedBy,
          decidedByName,
          decidedAt: now,
        });
        await this.appendTimeline(
          uow,
          actor,
          l.actorName,
          l.crisis,
          'decision',
          `Decision (${decidedByName}): ${input.decision}`,
          { decisionId: row.id },
          now,
        );
        await uow.audit.append(actor, {
          action: 'crisis.decision_recorded',
          targetType: 'crisis',
          targetId: id,
          summary: { decisionId: row.id, decision: input.decision },
        });
        const decision = presentDecision(row);
        await uow.events.append(actor.workspaceId, 'crisis.decision.recorded', decision);
        return decision;
      },
      { lock: 'share' },
    );
  }

  async addFact(actor: Actor, id: string, input: z.infer<typeof AddFactInput>): Promise<FactItem[]> {
    authorize(actor, 'crisis.participate');
    return this.mutate(actor, id, 'act', async (uow, l) => {
      const row = await uow.crises.insertFact({ crisisId: id, kind: input.kind, text: input.text });
      return this.factsChanged(
        uow,
        actor,
        l,
        `${input.kind === 'known' ? 'We know' : "We don't know"}: ${input.text}`,
        row.id,
      );
    });
  }

  async updateFact(
    actor: Actor,
    id: string,
    factId: string,
    input: z.infer<typeof UpdateFactInput>,
  ): Promise<FactItem[]> {
    authorize(actor, 'crisis.participate');
    return this.mutate(actor, id, 'act', async (uow, l) => {
      const row = await uow.crises.updateFact(id, factId, {
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
      });
      if (!row) throw new NotFoundError('Fact');
      return this.factsChanged(
        uow,
        actor,
        l,
        `Fact sheet updated (${row.kind === 'known' ? 'we know' : "we don't know"}): ${row.text}`,
        row.id,
      );
    });
  }

  async removeFact(actor: Actor, id: string, factId: string): Promise<FactItem[]> {
    authorize(actor, 'crisis.participate');
    return this.mutate(actor, id, 'act', async (uow, l) => {
      const row = await uow.crises.deleteFact(id, factId);
      if (!row) throw new NotFoundError('Fact');
      return this.factsChanged(uow, actor, l, `Removed from the fact sheet: ${row.text}`, row.id);
    });
  }

  // ---------- tasks ----------

  async createTask(actor: Actor, id: string, input: z.infer<typeof CreateTaskInput>): Promise<CrisisTask> {
    authorize(actor, 'crisis.participate');
    const after: AfterCommit = { overdue: [] };
    const task = await this.mutate(actor, id, 'act', async (uow, l) => {
      const all = await uow.crises.tasks(id);
      const unknown = input.dependsOn.filter((d) => !all.some((t) => t.id === d));
      if (unknown.length > 0) {
        throw new InvalidError('dependsOn names tasks not in this crisis', { dependsOn: unknown });
      }
      if (input.ownerId) await this.requireMember(uow, actor.workspaceId, input.ownerId);
      const now = this.deps.clock.now();
      const [row] = await uow.crises.insertTasks([
        {
          crisisId: id,
          title: input.title,
          description: input.description,
          department: input.department,
          ownerId: input.ownerId ?? null,
          deadline: input.deadline ? new Date(input.deadline) : null,
          status: 'todo',
          dependsOn: input.dependsOn,
        },
      ]);
      if (row!.deadline) after.overdue.push({ taskId: row!.id, deadline: row!.deadline });
      await this.appendTimeline(
        uow,
        actor,
        l.actorName,
        l.crisis,
        'task',
        `Task added for ${input.department.replace('_', ' ')}: ${input.title}`,
        { taskId: row!.id },
        now,
      );
      await uow.audit.append(actor, {
        action: 'crisis.task_created',
        targetType: 'crisis_task',
        targetId: row!.id,
        summary: { crisisId: id, title: input.title },
      });
      const out = presentTask(row!);
      await uow.events.append(actor.workspaceId, 'crisis.task.updated', out);
      return out;
    });
    await this.scheduleAfterCommit(actor.workspaceId, id, after);
    return task;
  }

  async updateTask(actor: Actor, id: string, taskId: string, input: UpdateTaskInput): Promise<CrisisTask> {
    authorize(actor, 'crisis.participate');
    const after: AfterCommit = { overdue: [] };
    const task = await this.mutate(actor, id, 'act', async (uow, l) => {
      const all = await uow.crises.tasks(id);
      const before = all.find((t) => t.id === taskId);
      if (!before) throw new NotFoundError('Task');
      const dependsOn = input.dependsOn ?? before.dependsOn;
      if (input.dependsOn) {
        const unknown = input.dependsOn.filter((d) => !all.some((t) => t.id === d));
        if (unknown.length > 0) {
          throw new InvalidError('dependsOn names tasks not in this crisis', { dependsOn: unknown });
        }
        if (
          wouldCycle(
            taskId,
            input.dependsOn,
            all.map((t) => ({ id: t.id, status: t.status as CrisisTask['status'], dependsOn: t.dependsOn })),
          )
        ) {
          throw new InvalidError('That dependency would make the task wait on itself.');
        }
      }
      const status = input.status ?? (before.status as CrisisTask['status']);
      if (status === 'done') {
        const open = openDependencies(
          { dependsOn },
          all.map((t) => ({ id: t.id, status: t.status as CrisisTask['status'], dependsOn: t.dependsOn })),
        );
        if (open.length > 0) {
          const titles = all.filter((t) => open.includes(t.id)).map((t) => `"${t.title}"`);
          throw new ConflictError(
            `This task waits on ${titles.join(', ')}; finish ${open.length === 1 ? 'it' : 'them'} first.`,
          );
        }
      }
      if (input.ownerId) await this.requireMember(uow, actor.workspaceId, input.ownerId);
      const now = this.deps.clock.now();
      const patch: TaskPatch = {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.department !== undefined ? { department: input.department } : {}),
        ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
        ...(input.dependsOn !== undefined ? { dependsOn: input.dependsOn } : {}),
        ...(input.status !== undefined
          ? {
              status: input.status,
              completedAt: input.status === 'done' ? (before.completedAt ?? now) : null,
            }
          : {}),
      };
      if (input.deadline !== undefined) {
        const deadline = input.deadline ? new Date(input.deadline) : null;
        patch.deadline = deadline;
        if ((deadline?.getTime() ?? null) !== (before.deadline?.getTime() ?? null)) {
          patch.escalatedAt = null; // a new deadline escalates again if missed
          if (deadline) after.overdue.push({ taskId, deadline });
        }
      }
      const row = await uow.crises.updateTask(id, taskId, patch);
      const changes: string[] = [];
      if (input.status && input.status !== before.status) changes.push(`${before.status} → ${input.status}`);
      if (input.ownerId !== undefined && input.ownerId !== before.ownerId) changes.push('new owner');
      if (input.deadline !== undefined) changes.push('new deadline');
      if (input.title !== undefined && input.title !== before.title) changes.push('renamed');
      if (changes.length > 0) {
        await this.appendTimeline(
          uow,
          actor,
          l.actorName,
          l.crisis,
          'task',
          `Task "${row.title}": ${changes.join(', ')}`,
          { taskId },
          now,
        );
      }
      await uow.audit.append(actor, {
        action: 'crisis.task_updated',
        targetType: 'crisis_task',
        targetId: taskId,
        summary: { crisisId: id, changes: Object.keys(patch) },
      });
      const out = presentTask(row);
      await uow.events.append(actor.workspaceId, 'crisis.task.updated', out);
      return out;
    });
    await this.scheduleAfterCommit(actor.workspaceId, id, after);
    return task;
  }

  // ---------- situation reports ----------

  async fileSitrep(actor: Actor, id: string, input: z.infer<typeof SitrepInput>): Promise<Sitrep> {
    authorize(actor, 'crisis.participate');
    let due: Date | undefined;
    const sitrep = await this.mutate(actor, id, 'act', async (uow, l) => {
      const now = this.deps.clock.now();
      const row = await uow.crises.insertSitrep({
        crisisId: id,
        situation: input.situation,
        actions: input.actions,
        needs: input.needs,
        authorId: actor.kind === 'member' ? actor.id : null,
        authorName: l.actorName,
        createdAt: now,
      });
      due = isOpen(l.crisis.status as CrisisStatus)
        ? nextSitrepDue(l.crisis.severity as Severity, now)
        : undefined;
      const updated = await uow.crises.update(actor.workspaceId, id, { nextSitrepDueAt: due ?? null });
      await this.appendTimeline(
        uow,
        actor,
        l.actorName,
        l.crisis,
        'sitrep',
        `Situation report by ${l.actorName}: ${input.situation.slice(0, 200)}`,
        { sitrepId: row.id },
        now,
      );
      await uow.audit.append(actor, {
        action: 'crisis.sitrep_filed',
        targetType: 'crisis',
        targetId: id,
        summary: { sitrepId: row.id },
      });
      const out = presentSitrep(row);
      await uow.events.append(actor.workspaceId, 'crisis.sitrep.filed', out);
      await uow.events.append(actor.workspaceId, 'crisis.updated', this.presentWithLead(updated, l.current));
      return out;
    });
    if (due) await this.scheduleAfterCommit(actor.workspaceId, id, { overdue: [], sitrepDueAt: due });
    return sitrep;
  }

  // ---------- jobs (called by jobs/crisis.jobs.ts with the system actor) ----------

  /**
   * A task's deadline passed: if it is still open (and its deadline is still the one the job was scheduled
   * for, and it was not escalated yet), record the escalation on the timeline and notify the crisis lead.
   * Safe to run twice. Returns whether it escalated.
   */
  async escalateOverdueTask(
    actor: Actor,
    crisisId: string,
    taskId: string,
    deadline: string,
  ): Promise<boolean> {
    return this.deps.transact(async (uow) => {
      const crisis = await uow.crises.findForUpdate(actor.workspaceId, crisisId);
      if (!crisis || !isOpen(crisis.status as CrisisStatus)) return false;
      const task = await uow.crises.findTask(crisisId, taskId);
      if (!task || task.status === 'done' || !task.deadline) return false;
      if (task.deadline.getTime() !== new Date(deadline).getTime()) return false;
      const now = this.deps.clock.now();
      if (task.deadline.getTime() > now.getTime()) return false;
      if (!(await uow.crises.markEscalated(crisisId, taskId, now))) return false;
      const current = await uow.crises.currentRolesOfMemberAndLead(crisisId, null);
      const lead = current.find((r) => r.role === 'crisis_lead');
      const names = await this.memberNames(actor.workspaceId, uow.identity);
      const owner = task.ownerId ? (names.get(task.ownerId) ?? 'its owner') : 'nobody';
      const summary = `Overdue: "${task.title}" (${task.department.replace('_', ' ')}, owner ${owner}) missed its deadline; escalated to the crisis lead${lead ? ` ${names.get(lead.memberId) ?? ''}` : ''}`;
      await this.appendTimeline(uow, actor, 'Firebreak', crisis, 'escalation', summary, { taskId }, now);
      await uow.audit.append(actor, {
        action: 'crisis.task_escalated',
        targetType: 'crisis_task',
        targetId: taskId,
        summary: { crisisId, leadId: lead?.memberId ?? null },
      });
      const updated = (await uow.crises.findTask(crisisId, taskId))!;
      await uow.events.append(actor.workspaceId, 'crisis.task.updated', presentTask(updated));
      if (lead) {
        await uow.events.append(actor.workspaceId, 'crisis.notification', {
          memberId: lead.memberId,
          crisisId,
          kind: 'task_overdue',
          message: summary,
        });
      }
      return true;
    });
  }

  /** A situation report is due: remind the lead once, then schedule the next reminder on the cadence. */
  async remindSitrep(actor: Actor, crisisId: string, dueAt: string): Promise<boolean> {
    let next: Date | undefined;
    const reminded = await this.deps.transact(async (uow) => {
      const crisis = await uow.crises.findForUpdate(actor.workspaceId, crisisId);
      if (!crisis || !isOpen(crisis.status as CrisisStatus) || !crisis.nextSitrepDueAt) return false;
      if (crisis.nextSitrepDueAt.getTime() !== new Date(dueAt).getTime()) return false; // superseded
      const now = this.deps.clock.now();
      next = nextSitrepDue(crisis.severity as Severity, crisis.nextSitrepDueAt);
      if (next.getTime() <= now.getTime()) next = nextSitrepDue(crisis.severity as Severity, now);
      const updated = await uow.crises.update(actor.workspaceId, crisisId, { nextSitrepDueAt: next });
      const lead = (await uow.crises.currentRolesOfMemberAndLead(crisisId, null)).find(
        (r) => r.role === 'crisis_lead',
      );
      const summary = `Situation report due (${crisis.severity} cadence): situation, actions, needs`;
      await this.appendTimeline(uow, actor, 'Firebreak', crisis, 'reminder', summary, { dueAt }, now);
      await uow.events.append(
        actor.workspaceId,
        'crisis.updated',
        presentCrisis(updated, lead?.memberId ?? null),
      );
      if (lead) {
        await uow.events.append(actor.workspaceId, 'crisis.notification', {
          memberId: lead.memberId,
          crisisId,
          kind: 'sitrep_due',
          message: summary,
        });
      }
      return true;
    });
    if (next) await this.scheduleAfterCommit(actor.workspaceId, crisisId, { overdue: [], sitrepDueAt: next });
    return reminded;
  }

  // ---------- helpers ----------

  private capabilityOf(actor: Actor, current: readonly RoleAssignmentRow[]): CrisisCapability {
    const mine = current
      .filter((r) => actor.kind === 'member' && r.memberId === actor.id)
      .map((r) => r.role as MembershipRole);
    return crisisCapability(actor, mine);
  }

  /** Loads and locks the crisis, checks the crisis-role capability, then runs `work` in the same transaction. */
  private mutate<T>(
    actor: Actor,
    id: string,
    need: 'act' | 'steer',
    work: (uow: CrisisUnitOfWork, loaded: Loaded) => Promise<T>,
    options: MutateOptions = {},
  ): Promise<T> {
    return this.deps.transact(async (uow) => {
      const crisis = await uow.crises.findLocked(actor.workspaceId, id, options.lock ?? 'update');
      if (!crisis) throw new NotFoundError('Crisis');
      const current = options.allRoles
        ? await uow.crises.roles(id, false)
        : await uow.crises.currentRolesOfMemberAndLead(id, actor.kind === 'member' ? actor.id : null);
      const capability = this.capabilityOf(actor, current);
      if (need === 'steer' && !canSteer(capability)) {
        throw new ForbiddenError('Only the crisis lead (or a workspace owner or admin) can do this.');
      }
      if (need === 'act' && !canAct(capability)) {
        throw new ForbiddenError('Observers can read this crisis but not act in it.');
      }
      let actorName = actor.label;
      if (actor.kind === 'member' && actor.id) {
        actorName = (await uow.identity.findMember(actor.workspaceId, actor.id))?.name ?? actor.label;
      }
      return work(uow, { crisis, current, capability, actorName });
    });
  }

  private async appendTimeline(
    uow: CrisisUnitOfWork,
    actor: Actor,
    actorLabel: string,
    crisis: CrisisRow,
    kind: TimelineEntry['kind'],
    summary: string,
    data: Record<string, unknown>,
    at: Date,
  ): Promise<TimelineEntry> {
    const row = await uow.crises.appendTimeline({
      crisisId: crisis.id,
      kind,
      summary,
      data,
      actorId: actor.kind === 'member' ? actor.id : null,
      actorLabel,
      at,
    });
    const entry = presentTimeline(row);
    await uow.events.append(crisis.workspaceId, 'crisis.timeline.appended', entry);
    return entry;
  }

  private async factsChanged(
    uow: CrisisUnitOfWork,
    actor: Actor,
    l: Loaded,
    summary: string,
    factId: string,
  ): Promise<FactItem[]> {
    await this.appendTimeline(
      uow,
      actor,
      l.actorName,
      l.crisis,
      'fact',
      summary,
      { factId },
      this.deps.clock.now(),
    );
    await uow.audit.append(actor, {
      action: 'crisis.facts_changed',
      targetType: 'crisis',
      targetId: l.crisis.id,
      summary: { factId },
    });
    const facts = (await uow.crises.facts(l.crisis.id)).map(presentFact);
    await uow.events.append(actor.workspaceId, 'crisis.fact.updated', { crisisId: l.crisis.id, facts });
    return facts;
  }

  private presentWithLead(row: CrisisRow, current: readonly RoleAssignmentRow[]): Crisis {
    return presentCrisis(row, current.find((r) => r.role === 'crisis_lead')?.memberId ?? null);
  }

  private async presentRoles(
    uow: CrisisUnitOfWork,
    workspaceId: string,
    id: string,
  ): Promise<RoleAssignment[]> {
    const names = await this.memberNames(workspaceId, uow.identity);
    return (await uow.crises.roles(id)).map((r) => presentRole(r, names));
  }

  private async memberNames(
    workspaceId: string,
    identity = this.deps.identity,
  ): Promise<Map<string, string>> {
    return new Map((await identity.listMembers(workspaceId)).map((m: MemberRecord) => [m.id, m.name]));
  }

  private nameOf(actor: Actor, names: Map<string, string>): string {
    return (actor.kind === 'member' && actor.id ? names.get(actor.id) : undefined) ?? actor.label;
  }

  private async requireMember(uow: CrisisUnitOfWork, workspaceId: string, memberId: string): Promise<void> {
    const m = await uow.identity.findMember(workspaceId, memberId);
    if (!m || m.status !== 'active') {
      throw new InvalidError('The owner must be an active member of this workspace.');
    }
  }

  /** Enqueues the escalation and reminder jobs once the crisis change is committed (singleton per task/deadline). */
  private async scheduleAfterCommit(
    workspaceId: string,
    crisisId: string,
    after: AfterCommit,
  ): Promise<void> {
    if (after.overdue.length === 0 && !after.sitrepDueAt) return;
    await this.ensureQueues();
    for (const t of after.overdue) {
      await this.deps.jobs.enqueue(
        crisisJobNames.taskOverdue,
        { workspaceId, crisisId, taskId: t.taskId, deadline: t.deadline.toISOString() },
        { runAt: t.deadline, singletonKey: `${t.taskId}:${t.deadline.toISOString()}` },
      );
    }
    if (after.sitrepDueAt) {
      await this.deps.jobs.enqueue(
        crisisJobNames.sitrepDue,
        { workspaceId, crisisId, dueAt: after.sitrepDueAt.toISOString() },
        { runAt: after.sitrepDueAt, singletonKey: `${crisisId}:${after.sitrepDueAt.toISOString()}` },
      );
    }
  }

  private ensureQueues(): Promise<void> {
    this.queuesReady ??= (async () => {
      await this.deps.jobs.start();
      for (const name of Object.values(crisisJobNames)) await this.deps.jobs.define(name, crisisJobRetry);
    })().catch((error: unknown) => {
      this.queuesReady = null;
      throw error;
    });
    return this.queuesReady;
  }
}
