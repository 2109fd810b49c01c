import type { Alert, Notification, NotificationChannel } from './alert';
import type { Brand } from './brand';
import type { Member } from './identity';
import type { MentionsIngested } from './mention';
import type { SentimentRelabel, SentimentRetrainResult } from './sentiment';
import type { Source } from './source';
import type { RoutingRule, Signal } from './signal';
import type {
  Crisis,
  CrisisMessage,
  CrisisNotification,
  CrisisTask,
  Decision,
  FactItem,
  Playbook,
  RoleAssignment,
  Sitrep,
  TimelineEntry,
} from './crisis';

/**
 * The one typed map of live events, shared by the server (emitters, SSE) and the web app (cache updates).
 * Names are `noun.pastVerb`. Payloads are DTOs the actor's workspace may see.
 */
export interface EventMap {
  'brand.created': Brand;
  'brand.updated': Brand;
  'member.invited': Member;
  'member.updated': Member;
  'audit.appended': { id: string; action: string };
  'mentions.ingested': MentionsIngested;
  'source.updated': Source;
  'source.deleted': { id: string };
  'crisis.declared': Crisis;
  'crisis.updated': Crisis;
  'crisis.roles.updated': { crisisId: string; roles: RoleAssignment[] };
  'crisis.message.posted': CrisisMessage;
  'crisis.timeline.appended': TimelineEntry;
  'crisis.task.updated': CrisisTask;
  'crisis.decision.recorded': Decision;
  'crisis.fact.updated': { crisisId: string; facts: FactItem[] };
  'crisis.sitrep.filed': Sitrep;
  'crisis.notification': CrisisNotification;
  'playbook.updated': Playbook;
  'on_call.updated': { department: string };
  /** An in-app notification for one member (the web app shows it to that member only). */
  'notification.created': { memberId: string; notification: Notification };
  'alert.updated': Alert;
  'notification_channel.updated': NotificationChannel;
  'notification_channel.deleted': { id: string };
  /** A member relabelled a mention's sentiment (the brands' accuracy reports change). */
  'sentiment.relabelled': SentimentRelabel;
  /** A brand's sentiment model was retrained on its relabels (and is used for its new mentions). */
  'sentiment.retrained': SentimentRetrainResult;
  'signal.opened': Signal;
  'signal.updated': Signal;
  'routing_rule.updated': RoutingRule;
  'routing_rule.deleted': { id: string };
}
export type EventName = keyof EventMap;
export const eventNames = [
  'brand.created',
  'brand.updated',
  'member.invited',
  'member.updated',
  'audit.appended',
  'mentions.ingested',
  'source.updated',
  'source.deleted',
  'crisis.declared',
  'crisis.updated',
  'crisis.roles.updated',
  'crisis.message.posted',
  'crisis.timeline.appended',
  'crisis.task.updated',
  'crisis.decision.recorded',
  'crisis.fact.updated',
  'crisis.sitrep.filed',
  'crisis.notification',
  'playbook.updated',
  'on_call.updated',
  'notification.created',
  'alert.updated',
  'notification_channel.updated',
  'notification_channel.deleted',
  'sentiment.relabelled',
  'sentiment.retrained',
  'signal.opened',
  'signal.updated',
  'routing_rule.updated',
  'routing_rule.deleted',
] as const satisfies readonly EventName[];

/** What one SSE frame carries in its `data:` line. */
export interface LiveEvent<N extends EventName = EventName> {
  id: string;
  name: N;
  payload: EventMap[N];
  at: string;
}
