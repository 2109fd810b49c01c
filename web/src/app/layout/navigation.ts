// The navigation, in the order the product is used: listen → respond → measure → learn, then settings.
import type { Action } from '@contracts';
import {
  IconBellRinging,
  IconBook,
  IconBook2,
  IconBroadcast,
  IconChartLine,
  IconClipboardCheck,
  IconFlame,
  IconHistory,
  IconInbox,
  IconKey,
  IconPhoneCall,
  IconPlugConnected,
  IconRadar,
  IconRoute,
  IconSpeakerphone,
  IconTag,
  IconTargetArrow,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { ProductAreaId } from '../../features/product-areas/product-areas';

export interface NavItem {
  label: string;
  path: string;
  icon: Icon;
  /** Shown only to actors granted this action. */
  requires?: Action;
}

export const areaIcons: Record<ProductAreaId, Icon> = {
  listen: IconBroadcast,
  signals: IconRadar,
  crises: IconFlame,
  inbox: IconInbox,
  statements: IconSpeakerphone,
  analytics: IconChartLine,
  drills: IconTargetArrow,
  knowledge: IconBook2,
  audits: IconClipboardCheck,
};

export const settingsItems: readonly NavItem[] = [
  { label: 'Brands', path: '/settings/brands', icon: IconTag, requires: 'brand.read' },
  { label: 'Sources', path: '/settings/sources', icon: IconPlugConnected, requires: 'source.read' },
  { label: 'Members', path: '/settings/members', icon: IconUsers, requires: 'member.read' },
  { label: 'API tokens', path: '/settings/api-tokens', icon: IconKey, requires: 'api_token.read' },
  { label: 'Audit log', path: '/settings/audit-log', icon: IconHistory, requires: 'audit.read' },
  { label: 'Playbooks', path: '/settings/playbooks', icon: IconBook, requires: 'playbook.read' },
  { label: 'On call', path: '/settings/on-call', icon: IconPhoneCall, requires: 'on_call.read' },
  {
    label: 'Notification channels',
    path: '/settings/notifications',
    icon: IconBellRinging,
    requires: 'notification_channel.read',
  },
  { label: 'Routing', path: '/settings/routing', icon: IconRoute, requires: 'routing_rule.read' },
];
