import type { CrisisRole, Department } from '../../../../contracts';

/** Which department's on-call member fills each crisis role when a crisis is declared (in order of preference). */
export const roleDepartments: Record<CrisisRole, readonly Department[]> = {
  crisis_lead: ['executive', 'pr'],
  spokesperson: ['pr'],
  pr_lead: ['pr'],
  legal_counsel: ['legal'],
  customer_service_lead: ['customer_service'],
  marketing_lead: ['marketing'],
  ad_operations: ['marketing'],
  scribe: [],
};

export interface FilledRole {
  role: CrisisRole;
  memberId: string;
  source: 'on_call' | 'declarer';
}

/**
 * Fills roles from who is on call per department. The crisis lead falls back to the declarer when neither
 * executive nor PR has anyone on call; other roles without anyone on call stay open.
 */
export function fillRoles(
  onCall: Partial<Record<Department, string | null>>,
  declarerId: string | null,
): FilledRole[] {
  const filled: FilledRole[] = [];
  for (const [role, from] of Object.entries(roleDepartments) as Array<[CrisisRole, readonly Department[]]>) {
    const memberId = from.map((d) => onCall[d]).find((m): m is string => typeof m === 'string');
    if (memberId) filled.push({ role, memberId, source: 'on_call' });
    else if (role === 'crisis_lead' && declarerId) {
      filled.push({ role, memberId: declarerId, source: 'declarer' });
    }
  }
  return filled;
}

/** The department a task of that department is owned by when no owner is given: the role holder's, or on call. */
export const departmentLeadRole: Record<Department, CrisisRole> = {
  executive: 'crisis_lead',
  pr: 'pr_lead',
  legal: 'legal_counsel',
  customer_service: 'customer_service_lead',
  marketing: 'marketing_lead',
};
