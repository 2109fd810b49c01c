import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { auditKeys, listAuditEntries, type AuditFilters } from '../audit-log.api';

/** Pages of the audit log, newest first; `fetchNextPage` follows `nextCursor`. */
export function useAuditLog(filters: AuditFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listAuditEntries(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
