// Routing rules per workspace: which signals (by severity, brand, platform, kind) go to which departments' on-call
// members and which notification channels, and how they escalate while nobody acknowledges.
import {
  CreateRoutingRuleInput,
  type Department,
  type EscalationLevel,
  type Platform,
  type RoutingRule,
  type SignalKind,
  type SignalSeverity,
  UpdateRoutingRuleInput,
} from '../../../contracts';
import type { z } from 'zod';
import type { Actor } from '../domain/actor';
import { changedFields } from '../domain/audit';
import { InvalidError, NotFoundError } from '../errors';
import type { BrandRepository } from '../repositories/brand.repository';
import type { NotificationChannelRepository } from '../repositories/notification-channel.repository';
import type { RoutingRuleRow, SignalRepository, SignalTransact } from '../repositories/signal.repository';
import { authorize } from './authorize';

export function presentRoutingRule(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    minSeverity: row.minSeverity as SignalSeverity,
    brandIds: row.brandIds,
    platforms: row.platforms as Platform[],
    kinds: row.kinds as SignalKind[],
    departments: row.departments as Department[],
    channelIds: row.channelIds,
    ackTimeoutMinutes: row.ackTimeoutMinutes,
    escalation: row.escalation as EscalationLevel[],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export class RoutingRuleService {
  constructor(
    private readonly deps: {
      signals: SignalRepository;
      transact: SignalTransact;
      brands: BrandRepository;
      channels: NotificationChannelRepository;
    },
  ) {}

  async list(actor: Actor): Promise<RoutingRule[]> {
    authorize(actor, 'routing_rule.read');
    return (await this.deps.signals.rules(actor.workspaceId)).map(presentRoutingRule);
  }

  async create(actor: Actor, raw: z.input<typeof CreateRoutingRuleInput>): Promise<RoutingRule> {
    authorize(actor, 'routing_rule.manage');
    const input = CreateRoutingRuleInput.parse(raw);
    await this.checkReferences(actor.workspaceId, input.brandIds, input.channelIds);
    return this.deps.transact(async (uow) => {
      const row = await uow.signals.insertRule({
        workspaceId: actor.workspaceId,
        ...input,
        escalation: dedupe(input.escalation),
      });
      const rule = presentRoutingRule(row);
      await uow.audit.append(actor, {
        action: 'routing_rule.created',
        targetType: 'routing_rule',
        targetId: row.id,
        summary: { ...input },
      });
      await uow.events.append(actor.workspaceId, 'routing_rule.updated', rule);
      return rule;
    });
  }

  async update(
    actor: Actor,
    id: string,
    patch: z.infer<typeof UpdateRoutingRuleInput>,
  ): Promise<RoutingRule> {
    authorize(actor, 'routing_rule.manage');
    const input = UpdateRoutingRuleInput.parse(patch);
    const before = await this.deps.signals.findRule(actor.workspaceId, id);
    if (!before) throw new NotFoundError('Routing rule');
    await this.checkReferences(actor.workspaceId, input.brandIds ?? [], input.channelIds ?? []);
    return this.deps.transact(async (uow) => {
      const changes = Object.fromEntries(
        Object.entries({
          ...input,
          ...(input.escalation ? { escalation: dedupe(input.escalation) } : {}),
        }).filter(([, v]) => v !== undefined),
      ) as Parameters<SignalRepository['updateRule']>[2];
      const row = await uow.signals.updateRule(actor.workspaceId, id, changes);
      if (!row) throw new NotFoundError('Routing rule');
      const rule = presentRoutingRule(row);
      await uow.audit.append(actor, {
        action: 'routing_rule.updated',
        targetType: 'routing_rule',
        targetId: id,
        summary: {
          name: rule.name,
          ...changedFields(presentRoutingRule(before), changes as unknown as Partial<RoutingRule>),
        },
      });
      await uow.events.append(actor.workspaceId, 'routing_rule.updated', rule);
      return rule;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'routing_rule.manage');
    await this.deps.transact(async (uow) => {
      const row = await uow.signals.deleteRule(actor.workspaceId, id);
      if (!row) throw new NotFoundError('Routing rule');
      await uow.audit.append(actor, {
        action: 'routing_rule.deleted',
        targetType: 'routing_rule',
        targetId: id,
        summary: { name: row.name },
      });
      await uow.events.append(actor.workspaceId, 'routing_rule.deleted', { id });
    });
  }

  private async checkReferences(
    workspaceId: string,
    brandIds: readonly string[],
    channelIds: readonly string[],
  ): Promise<void> {
    if (brandIds.length > 0) {
      const known = new Set((await this.deps.brands.list(workspaceId, true)).map((b) => b.id));
      const unknown = brandIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new InvalidError('brandIds: not brands of this workspace', { brandIds: unknown });
      }
    }
    if (channelIds.length > 0) {
      const known = new Set((await this.deps.channels.list(workspaceId)).map((c) => c.id));
      const unknown = channelIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new InvalidError('channelIds: not notification channels of this workspace', {
          channelIds: unknown,
        });
      }
    }
  }
}

function dedupe<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}
