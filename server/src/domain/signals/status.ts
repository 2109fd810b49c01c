// What people may do to a signal in each status. Pure.
import type { SignalStatus } from '../../../../contracts';

export type SignalAction = 'acknowledge' | 'snooze' | 'dismiss' | 'declare_crisis';

const allowedFrom: Record<SignalAction, readonly SignalStatus[]> = {
  acknowledge: ['open', 'snoozed', 'acknowledged'],
  snooze: ['open', 'acknowledged', 'snoozed'],
  dismiss: ['open', 'acknowledged', 'snoozed', 'dismissed'],
  declare_crisis: ['open', 'acknowledged', 'snoozed', 'dismissed'],
};

export function canApply(action: SignalAction, status: SignalStatus): boolean {
  return allowedFrom[action].includes(status);
}

/** Whether escalation keeps running: only while the signal is open (nobody owns it). */
export function isEscalating(status: SignalStatus): boolean {
  return status === 'open';
}

/** Statuses in which a signal still wants attention (the Signals page's live list). */
export function isActive(status: SignalStatus): boolean {
  return status === 'open' || status === 'acknowledged' || status === 'snoozed';
}
