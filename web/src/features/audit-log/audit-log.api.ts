import type { AuditPage } from '@contracts';
import { http } from '../../api/http';

export interface AuditFilters {
  action?: string | undefined;
  targetType?: string | undefined;
  actorId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
};

export const auditPageSize = 50;

export const listAuditEntries = (filters: AuditFilters, cursor: string | undefined, signal?: AbortSignal) =>
  http.get<AuditPage>('/api/audit-log', { query: { ...filters, cursor, limit: auditPageSize }, signal });
