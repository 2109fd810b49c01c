// Row → DTO mappers: the only shapes that leave the services (the response schemas check them again).
import type { ApiToken, AuditEntry, Brand, Member, Workspace } from '../../../contracts';
import { deriveQuery } from '../domain/query/query-parser';
import type { AuditRow } from '../repositories/audit.repository';
import type { BrandRow } from '../repositories/brand.repository';
import type { ApiTokenRow, MemberRecord, WorkspaceRow } from '../repositories/identity.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentWorkspace(row: WorkspaceRow): Workspace {
  return { id: row.id, name: row.name, slug: row.slug };
}

export function presentMember(row: MemberRecord): Member {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    department: row.department,
    role: row.role,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentBrand(row: BrandRow): Brand {
  return {
    id: row.id,
    name: row.name,
    handles: row.handles,
    keywords: row.keywords,
    query: row.query,
    effectiveQuery: row.query ?? deriveQuery(row),
    archivedAt: iso(row.archivedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as ApiToken['role'],
    department: row.department as ApiToken['department'],
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

export function presentAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    actor: { kind: row.actorKind as AuditEntry['actor']['kind'], id: row.actorId, label: row.actorLabel },
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    summary: row.summary,
    requestId: row.requestId,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
  };
}
