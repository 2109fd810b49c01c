// The product areas named in the navigation that are not built yet, and what each will hold. Each page says
// honestly what is coming, so nobody mistakes an empty page for missing data.
export type ProductAreaId =
  'listen' | 'signals' | 'crises' | 'inbox' | 'statements' | 'analytics' | 'drills' | 'knowledge' | 'audits';

export interface ProductArea {
  id: ProductAreaId;
  title: string;
  path: string;
  summary: string;
  arrivesWith: string;
}

export const productAreas: readonly ProductArea[] = [
  {
    id: 'listen',
    title: 'Listen',
    path: '/listen',
    summary:
      'Live brand mentions from the social platforms, with per-platform volume and sentiment, and signals when a spike, an emerging narrative or a high-reach post needs a human.',
    arrivesWith:
      "Arrives with the listening work. Each brand's keywords and handles are what it will listen for.",
  },
  {
    id: 'signals',
    title: 'Signals',
    path: '/signals',
    summary:
      'Spikes, emerging narratives and high-reach posts detected in the mentions, each explained and routed to the people on call.',
    arrivesWith: 'Arrives with the detection work.',
  },
  {
    id: 'crises',
    title: 'Crises',
    path: '/crises',
    summary:
      'The war room for each crisis, from declaration to review: crisis roles, a timeline, recorded decisions, and tasks per department drawn from playbooks.',
    arrivesWith: 'Arrives with the crisis work.',
  },
  {
    id: 'inbox',
    title: 'Inbox',
    path: '/inbox',
    summary:
      'The customer-service inbox: mentions that need an answer, with priority, assignee and SLA, answered with approved language.',
    arrivesWith: 'Arrives with the inbox work.',
  },
  {
    id: 'statements',
    title: 'Statements',
    path: '/statements',
    summary:
      'Statements drafted from templates, approved by legal and PR, adapted per channel and published by the spokesperson, with every version kept.',
    arrivesWith: 'Arrives with the statements work.',
  },
  {
    id: 'analytics',
    title: 'Analytics',
    path: '/analytics',
    summary:
      'Which platforms are heating up, sentiment before and after each response, response times, and how long mentions take to recover to their baseline.',
    arrivesWith: 'Arrives once mentions are collected.',
  },
  {
    id: 'drills',
    title: 'Drills',
    path: '/drills',
    summary:
      'Training drills that replay simulated crises in a sandbox, so the team practises its playbooks; each drill is scored.',
    arrivesWith: 'Arrives with the drills work.',
  },
  {
    id: 'knowledge',
    title: 'Knowledge',
    path: '/knowledge',
    summary:
      'Post-crisis reviews with their action items, and the lessons from them, searchable for the next time.',
    arrivesWith: 'Arrives with the review work.',
  },
  {
    id: 'audits',
    title: 'Audits',
    path: '/audits',
    summary:
      'Routine channel audits: who has access to each account, which tokens are about to expire, what content is scheduled, and whether the team is ready.',
    arrivesWith:
      'Arrives with the channel audit work. The security record of actions is already in Settings → Audit log.',
  },
];
