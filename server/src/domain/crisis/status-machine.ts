import type { CrisisStatus } from '../../../../contracts';

/**
 * The crisis lifecycle: monitoring → active → contained → resolved → reviewed. A crisis may step back
 * when it flares up again (contained → active, resolved → active); a reviewed crisis is closed for good.
 */
export const statusTransitions: Record<CrisisStatus, readonly CrisisStatus[]> = {
  monitoring: ['active', 'resolved'],
  active: ['contained', 'resolved'],
  contained: ['active', 'resolved'],
  resolved: ['active', 'reviewed'],
  reviewed: [],
};

export function canTransition(from: CrisisStatus, to: CrisisStatus): boolean {
  return statusTransitions[from].includes(to);
}

/** Statuses in which the crisis is still being worked (tasks escalate, reports are due). */
export function isOpen(status: CrisisStatus): boolean {
  return status === 'monitoring' || status === 'active' || status === 'contained';
}
