// Default playbooks, one per crisis type, seeded per workspace on first use. Written from crisis-communication
// practice: acknowledge within the first hour with a holding statement, pause scheduled and paid content, have
// legal review every statement, answer affected customers, brief employees, customers, partners and investors,
// keep monitoring sentiment, and prepare a review.
import type { CrisisRole, CrisisType, PlaybookContent, PlaybookTask } from '../../../../contracts';

const hour = 60;

function task(
  key: string,
  title: string,
  department: PlaybookTask['department'],
  dueAfterMinutes: number,
  dependsOn: string[] = [],
  description = '',
): PlaybookTask {
  return { key, title, department, dueAfterMinutes, dependsOn, description };
}

/** What every crisis needs in its first hours. */
const core: PlaybookTask[] = [
  task(
    'pause-content',
    'Pause scheduled posts and paid campaigns on every platform',
    'marketing',
    15,
    [],
    'Stop anything that could read as tone-deaf while the crisis is live: scheduled organic posts, boosted posts, and paid campaigns. Note what was paused so it can be resumed deliberately.',
  ),
  task(
    'draft-holding',
    'Draft the holding statement',
    'pr',
    30,
    [],
    'Acknowledge what happened, say that we are looking into it, and say when we will update. No speculation, no blame.',
  ),
  task(
    'legal-review-holding',
    'Legal review of the holding statement',
    'legal',
    45,
    ['draft-holding'],
    'No statement leaves the building without legal review.',
  ),
  task(
    'publish-holding',
    'Publish the holding statement on the affected channels',
    'pr',
    60,
    ['legal-review-holding'],
    'The spokesperson publishes within the first hour.',
  ),
  task(
    'cs-macro',
    'Give customer service an approved answer for affected customers',
    'customer_service',
    60,
    ['legal-review-holding'],
    'A saved reply based on the approved holding statement, and an escalation path for hard cases.',
  ),
  task(
    'brief-employees',
    'Brief employees: what happened, what to say, where to send questions',
    'executive',
    2 * hour,
    ['legal-review-holding'],
  ),
  task('brief-stakeholders', 'Brief key customers, partners and investors', 'executive', 4 * hour, [
    'legal-review-holding',
  ]),
  task(
    'monitor-sentiment',
    'Monitor mentions and sentiment; report the trend in each situation report',
    'marketing',
    2 * hour,
  ),
  task(
    'answer-customers',
    'Answer affected customers in public replies and private messages',
    'customer_service',
    3 * hour,
    ['cs-macro'],
  ),
  task(
    'prepare-review',
    'Prepare the post-crisis review: timeline, decisions, what to change',
    'pr',
    7 * 24 * hour,
  ),
];

const coreRoles: CrisisRole[] = [
  'crisis_lead',
  'spokesperson',
  'pr_lead',
  'legal_counsel',
  'customer_service_lead',
  'marketing_lead',
  'scribe',
];

const holding = (what: string) => ({
  title: 'Holding statement',
  body: `We are aware of ${what}. We take this seriously and are looking into it now. We will share an update by [TIME]. If you are affected, please contact [CHANNEL].`,
});

const firstHour = {
  title: 'First hour',
  items: [
    'Crisis lead confirmed and roles filled',
    'Scheduled and paid content paused',
    'Facts sheet started: what we know / what we do not know',
    'Holding statement reviewed by legal and published',
    'Customer service has an approved answer',
  ],
};

function playbook(
  extraTasks: PlaybookTask[],
  what: string,
  extraChecklist: { title: string; items: string[] } | null,
  extraRoles: CrisisRole[] = [],
): PlaybookContent {
  return {
    tasks: [...core, ...extraTasks],
    roles: [...coreRoles, ...extraRoles],
    holdingStatements: [holding(what)],
    checklists: extraChecklist ? [firstHour, extraChecklist] : [firstHour],
  };
}

export const defaultPlaybooks: Record<CrisisType, { name: string; content: PlaybookContent }> = {
  offensive_ad: {
    name: 'Offensive or tone-deaf ad',
    content: playbook(
      [
        task(
          'pull-creative',
          'Pull the creative from every placement and platform',
          'marketing',
          20,
          [],
          'Including partners and influencer reposts we control.',
        ),
        task('creative-audit', 'Audit other live creatives for the same issue', 'marketing', 4 * hour, [
          'pull-creative',
        ]),
        task('apology', 'Draft an apology that names the mistake and what changes', 'pr', 6 * hour, [
          'legal-review-holding',
        ]),
      ],
      'concerns about one of our ads',
      {
        title: 'Creative',
        items: ['Creative pulled everywhere', 'Agency informed', 'Approval process reviewed'],
      },
      ['ad_operations'],
    ),
  },
  product_issue: {
    name: 'Product issue',
    content: playbook(
      [
        task(
          'confirm-scope',
          'Confirm the scope with the product team: which products, batches, regions',
          'executive',
          2 * hour,
        ),
        task('remedy', 'Decide the remedy (fix, refund, recall) and its legal review', 'legal', 6 * hour, [
          'confirm-scope',
        ]),
      ],
      'reports of a problem with one of our products',
      {
        title: 'Safety',
        items: ['Safety risk assessed', 'Regulator notification considered', 'Remedy published'],
      },
    ),
  },
  data_breach: {
    name: 'Data breach',
    content: playbook(
      [
        task(
          'notification-duties',
          'Assess notification duties (regulators within 72 hours, affected people)',
          'legal',
          2 * hour,
        ),
        task(
          'affected-notice',
          'Notify affected customers with what to do now',
          'customer_service',
          24 * hour,
          ['notification-duties'],
        ),
        task(
          'security-facts',
          'Get confirmed facts from security: what data, how many people, contained or not',
          'executive',
          hour,
        ),
      ],
      'a security incident that may affect customer data',
      {
        title: 'Breach',
        items: [
          'Incident contained or containment in progress',
          'Regulator clock started',
          'No speculation on cause or numbers',
        ],
      },
    ),
  },
  misconduct: {
    name: 'Executive or employee misconduct',
    content: playbook(
      [
        task('hr-facts', 'Establish facts with HR and legal; protect the people involved', 'legal', 2 * hour),
        task(
          'interim-measures',
          'Decide interim measures (leave, suspension) and how to communicate them',
          'executive',
          6 * hour,
          ['hr-facts'],
        ),
      ],
      'allegations concerning a member of our team',
      {
        title: 'People',
        items: [
          'Privacy of those involved respected',
          'No comment on individuals before facts are established',
        ],
      },
    ),
  },
  influencer_backlash: {
    name: 'Influencer backlash',
    content: playbook(
      [
        task(
          'partnership-review',
          'Review the partnership contract and pause joint content',
          'marketing',
          hour,
        ),
        task('contact-influencer', 'Contact the influencer or their agency directly', 'pr', 2 * hour),
      ],
      'the discussion around one of our partnerships',
      null,
      ['ad_operations'],
    ),
  },
  misinformation: {
    name: 'Misinformation',
    content: playbook(
      [
        task('fact-check', 'Collect the false claims and the evidence that refutes them', 'pr', 2 * hour),
        task(
          'report-platforms',
          'Report false or impersonating posts to the platforms',
          'marketing',
          3 * hour,
          ['fact-check'],
        ),
        task('facts-page', 'Publish a facts page and link to it in replies', 'pr', 6 * hour, [
          'fact-check',
          'legal-review-holding',
        ]),
      ],
      'false claims circulating about us',
      {
        title: 'Claims',
        items: ['Do not repeat the false claim in headlines', 'Link to the facts page in every reply'],
      },
    ),
  },
  service_failure: {
    name: 'Service failure',
    content: playbook(
      [
        task(
          'status-updates',
          'Post status updates on a fixed cadence until service is restored',
          'customer_service',
          hour,
        ),
        task('compensation', 'Decide compensation for affected customers', 'executive', 24 * hour),
      ],
      'a problem affecting our service',
      { title: 'Outage', items: ['Status page updated', 'Estimated recovery shared only when known'] },
    ),
  },
  other: {
    name: 'General crisis',
    content: playbook([], 'the situation', null),
  },
};
