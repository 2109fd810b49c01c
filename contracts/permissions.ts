/**
 * Every action a route or command can perform. The policy that grants them per workspace role and
 * department lives in server/src/domain/policy.ts; the session lists the actor's granted actions so the
 * web app can hide what the actor may not do.
 */
export const actions = [
  'workspace.read',
  'brand.read',
  'brand.create',
  'brand.update',
  'brand.archive',
  'member.read',
  'member.invite',
  'member.update',
  'audit.read',
  'api_token.read',
  'api_token.manage',
  'events.subscribe',
  'mention.read',
  'source.read',
  'source.manage',
  'crisis.read',
  'crisis.declare',
  'crisis.participate',
  'playbook.read',
  'playbook.manage',
  'on_call.read',
  'on_call.manage',
  'notification_channel.read',
  'notification_channel.manage',
  'alert.read',
  'alert.send',
  'alert.respond',
  'notification.read',
  'sentiment.read',
  'sentiment.relabel',
  'sentiment.retrain',
  'signal.read',
  'signal.respond',
  'routing_rule.read',
  'routing_rule.manage',
] as const;
export type Action = (typeof actions)[number];
