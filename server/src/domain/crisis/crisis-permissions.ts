import type { MembershipRole, WorkspaceRole } from '../../../../contracts';

export type CrisisCapability = 'lead' | 'responder' | 'observer';

export interface CrisisSubject {
  kind: 'member' | 'api_token' | 'system';
  id: string | null;
  role: WorkspaceRole;
}

/**
 * What someone may do inside one crisis, from their workspace role and the crisis roles they hold now:
 * - lead: the current crisis lead, workspace owners and admins, and the system (jobs, CLI) — change severity and status;
 * - observer: viewers and anyone assigned only as observer — read, never act;
 * - responder: everyone else allowed by the workspace policy — post, record, work tasks.
 */
export function crisisCapability(
  subject: CrisisSubject,
  currentRolesOfSubject: readonly MembershipRole[],
): CrisisCapability {
  if (subject.kind === 'system' || subject.role === 'owner' || subject.role === 'admin') return 'lead';
  if (currentRolesOfSubject.includes('crisis_lead')) return 'lead';
  if (subject.role === 'viewer') return 'observer';
  const acting = currentRolesOfSubject.filter((r) => r !== 'observer');
  if (currentRolesOfSubject.includes('observer') && acting.length === 0) return 'observer';
  return 'responder';
}

export function canAct(capability: CrisisCapability): boolean {
  return capability !== 'observer';
}

export function canSteer(capability: CrisisCapability): boolean {
  return capability === 'lead';
}
