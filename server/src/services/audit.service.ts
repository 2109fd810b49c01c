import type { AuditPage, AuditQuery } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { InvalidError } from '../errors';
import type { AuditRepository } from '../repositories/audit.repository';
import { authorize } from './authorize';
import { presentAuditEntry } from './presenters';

export class AuditService {
  constructor(private readonly deps: { audit: AuditRepository }) {}

  /** Newest first; `nextCursor` continues where this page ended. */
  async list(actor: Actor, query: AuditQuery): Promise<AuditPage> {
    authorize(actor, 'audit.read');
    const beforeId = query.cursor === undefined ? undefined : Number(query.cursor);
    if (beforeId !== undefined && !Number.isSafeInteger(beforeId)) {
      throw new InvalidError('cursor is not one this API returned');
    }
    const rows = await this.deps.audit.list(actor.workspaceId, {
      action: query.action,
      targetType: query.targetType,
      actorId: query.actorId,
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
      beforeId,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      entries: page.map(presentAuditEntry),
      nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
    };
  }
}
