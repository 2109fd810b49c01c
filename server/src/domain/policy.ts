// The one permission policy: which workspace roles and departments may perform each action.
// Every route declares its action; the HTTP layer asks `isAllowed` before calling a service.
import { actions, type Action, type Department, departments, type WorkspaceRole } from '../../../contracts';

type Grant = 'everyone' | { roles: readonly WorkspaceRole[]; orMembersOf?: readonly Department[] };

const admins = ['owner', 'admin'] as const;
const allDepartments = departments;

/**
 * A grant lists the roles that may act whatever their department, and optionally the departments whose
 * plain members may act too. Viewers only ever read.
 */
const policy: Record<Action, Grant> = {
  'workspace.read': 'everyone',
  'brand.read': 'everyone',
  // The brand's voice belongs to marketing and PR; executives steer it too.
  'brand.create': { roles: admins, orMembersOf: ['marketing', 'pr', 'executive'] },
  'brand.update': { roles: admins, orMembersOf: ['marketing', 'pr', 'executive'] },
  'brand.archive': { roles: admins, orMembersOf: ['marketing', 'executive'] },
  'member.read': 'everyone',
  'member.invite': { roles: admins },
  'member.update': { roles: admins },
  // Compliance reads the audit log as well as admins.
  'audit.read': { roles: admins, orMembersOf: ['legal'] },
  'api_token.read': { roles: admins },
  'api_token.manage': { roles: admins },
  'events.subscribe': 'everyone',
  // Everyone reads what is said about the brands; the teams who own listening (marketing, PR) manage sources.
  'mention.read': 'everyone',
  'source.read': 'everyone',
  'source.manage': { roles: admins, orMembersOf: ['marketing', 'pr'] },
  // Everyone sees a crisis; any department may declare one and work in its room (viewers only read).
  // Within a crisis, its roles decide further (domain/crisis/crisis-permissions.ts): observers only read,
  // only the crisis lead (and owners/admins) change severity and status.
  'crisis.read': 'everyone',
  'crisis.declare': { roles: admins, orMembersOf: allDepartments },
  'crisis.participate': { roles: admins, orMembersOf: allDepartments },
  'playbook.read': 'everyone',
  // Playbooks are the communication plan: PR and executives own it.
  'playbook.manage': { roles: admins, orMembersOf: ['pr', 'executive'] },
  'on_call.read': 'everyone',
  'on_call.manage': { roles: admins, orMembersOf: ['executive'] },
  // Alerting: admins and owners configure where alerts go (webhook URLs, SMTP); everyone sees alerts and their
  // delivery record; anyone but a viewer acknowledges one or asks for a crisis from it. Sending is the system's.
  'notification_channel.read': { roles: admins },
  'notification_channel.manage': { roles: admins },
  'alert.read': 'everyone',
  'alert.send': { roles: admins },
  'alert.respond': { roles: admins, orMembersOf: allDepartments },
  // Each member's own in-app notifications (reading them and marking them read).
  'notification.read': 'everyone',
  // Sentiment (docs/sentiment.md): everyone reads a brand's accuracy report; anyone but a viewer corrects a
  // mention's sentiment; the teams who own listening (marketing, PR) retrain a brand's model from the relabels.
  'sentiment.read': 'everyone',
  'sentiment.relabel': { roles: admins, orMembersOf: allDepartments },
  'sentiment.retrain': { roles: admins, orMembersOf: ['marketing', 'pr'] },
  // Signals (docs/detection.md): everyone sees them and the feedback report; anyone but a viewer acknowledges,
  // snoozes, dismisses or judges one (declaring a crisis from one needs crisis.declare). Routing rules decide who
  // is woken up: admins and executives manage them, like on-call schedules.
  'signal.read': 'everyone',
  'signal.respond': { roles: admins, orMembersOf: allDepartments },
  'routing_rule.read': 'everyone',
  'routing_rule.manage': { roles: admins, orMembersOf: ['executive'] },
};

export interface PolicySubject {
  role: WorkspaceRole;
  department: Department;
}

export function isAllowed(subject: PolicySubject, action: Action): boolean {
  const grant = policy[action];
  if (grant === 'everyone') return true;
  if (grant.roles.includes(subject.role)) return true;
  return subject.role === 'member' && (grant.orMembersOf?.includes(subject.department) ?? false);
}

export function allowedActions(subject: PolicySubject): Action[] {
  return actions.filter((a) => isAllowed(subject, a));
}

const roleRank: Record<WorkspaceRole, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

/** Only an owner grants or takes away ownership; an admin manages roles below admin. */
export function canAssignRole(actorRole: WorkspaceRole, from: WorkspaceRole, to: WorkspaceRole): boolean {
  if (actorRole === 'owner') return true;
  if (actorRole !== 'admin') return false;
  return roleRank[from] < roleRank.admin && roleRank[to] <= roleRank.admin;
}
