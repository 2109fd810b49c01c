import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Crisis,
  CrisisRoom,
  CrisisTask,
  Department,
  OnCallSchedule,
  Playbook,
  WorkspaceRole,
} from '../../../../contracts';
import { IncomingMention } from '../../../../contracts';
import { systemActor } from '../../domain/actor';
import { defaultPlaybooks } from '../../domain/crisis/default-playbooks';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/app';

describe('crisis war room routes', () => {
  let t: TestApp;
  let owner: SignedIn;
  const people: Record<string, SignedIn> = {};

  async function api<T = unknown>(who: SignedIn, method: string, url: string, payload?: object) {
    if (process.env.DEBUG_API) console.error(method, url);
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: method === 'GET' ? { cookie: who.cookie } : who.headers,
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T, raw: res.body };
  }

  async function person(key: string, role: WorkspaceRole, department: Department): Promise<SignedIn> {
    people[key] = await t.signInAs(role, department);
    return people[key]!;
  }
  const id = (key: string) => people[key]!.info.member.id;

  before(async () => {
    t = await createTestApp();
    owner = await t.signIn(t.ownerEmail, t.ownerPassword);
    await person('exec', 'member', 'executive');
    await person('pr', 'member', 'pr');
    await person('pr2', 'member', 'pr');
    await person('legal', 'member', 'legal');
    await person('cs', 'member', 'customer_service');
    await person('mkt', 'member', 'marketing');
    await person('mkt2', 'member', 'marketing');
    await person('viewer', 'viewer', 'marketing');
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    for (const [department, key] of [
      ['executive', 'exec'],
      ['pr', 'pr'],
      ['legal', 'legal'],
      ['customer_service', 'cs'],
      ['marketing', 'mkt'],
    ] as const) {
      const res = await api(owner, 'POST', '/api/on-call/rotations', {
        department,
        memberIds: [id(key)],
        handoffEveryHours: 24,
        startsAt,
      });
      assert.equal(res.status, 200, res.raw);
    }
  });
  after(() => t.close());

  async function declare(who: SignedIn, extra: object = {}): Promise<Crisis> {
    const res = await api<Crisis>(who, 'POST', '/api/crises', {
      title: 'Holiday ad backlash',
      type: 'offensive_ad',
      severity: 'SEV2',
      ...extra,
    });
    assert.equal(res.status, 201, res.raw);
    return res.body;
  }
  const room = async (who: SignedIn, crisisId: string) => {
    const res = await api<CrisisRoom>(who, 'GET', `/api/crises/${crisisId}`);
    assert.equal(res.status, 200, res.raw);
    return res.body;
  };

  /** Ingests mentions of a new brand through the real pipeline; returns the brand and the stored mention ids. */
  async function evidence(texts: string[]): Promise<{ brandId: string; mentionIds: string[] }> {
    const system = systemActor(t.workspaceId);
    const name = `Northwind ${Math.random().toString(36).slice(2, 8)}`;
    const brand = await t.container.services.brands.create(system, { name, keywords: [name] });
    await t.container.services.ingestion.ingest(t.workspaceId, {
      mentions: texts.map((text, i) =>
        IncomingMention.parse({
          platform: 'x',
          externalId: `${brand.id}-${i}`,
          author: { handle: `angry_${i}`, followers: 1000 },
          text: `${name} ${text}`,
          createdAt: new Date().toISOString(),
          lang: 'en',
          engagement: { likes: 1, reposts: 0, replies: 0, views: null },
        }),
      ),
      raw: texts.map((text) => ({ text })),
      nextCursor: null,
      skipped: 0,
    });
    const rows = await t.container.database.query<{ id: string }>(
      `select id from mentions where $1 = any(brand_ids) order by external_id`,
      [brand.id],
    );
    return { brandId: brand.id, mentionIds: rows.map((r) => r.id) };
  }

  it('declares a crisis: roles fill from on call, playbook tasks get owners and absolute deadlines', async () => {
    const signalId = '7d0a3c52-3a0f-4a43-9d76-4b3f0e4e1c11';
    const { brandId, mentionIds } = await evidence(['ad is offensive', 'boycott this ad']);
    assert.equal(mentionIds.length, 2);
    const crisis = await declare(people.mkt!, { signalId, brandId, evidenceMentionIds: mentionIds });
    assert.equal(crisis.status, 'active');
    assert.equal(crisis.signalId, signalId);
    assert.equal(crisis.brandId, brandId);
    assert.deepEqual(crisis.evidenceMentionIds, mentionIds);
    assert.equal(crisis.playbookVersion, 1);
    assert.equal(crisis.leadId, id('exec'));
    const r = await room(people.viewer!, crisis.id);
    const holder = (role: string) => r.roles.find((x) => x.role === role && !x.handedOverAt)?.memberId;
    assert.equal(holder('crisis_lead'), id('exec'));
    assert.equal(holder('spokesperson'), id('pr'));
    assert.equal(holder('pr_lead'), id('pr'));
    assert.equal(holder('legal_counsel'), id('legal'));
    assert.equal(holder('customer_service_lead'), id('cs'));
    assert.equal(holder('marketing_lead'), id('mkt'));
    assert.equal(holder('ad_operations'), id('mkt'));
    assert.equal(holder('scribe'), undefined);
    const preset = defaultPlaybooks.offensive_ad.content.tasks;
    assert.equal(r.tasks.length, preset.length);
    const declaredAt = new Date(r.crisis.declaredAt).getTime();
    const pause = r.tasks.find((x) => x.title.startsWith('Pause scheduled'))!;
    assert.equal(new Date(pause.deadline!).getTime() - declaredAt, 15 * 60_000);
    assert.equal(pause.ownerId, id('mkt'));
    const legalReview = r.tasks.find((x) => x.department === 'legal')!;
    assert.equal(legalReview.ownerId, id('legal'));
    assert.equal(legalReview.dependsOn.length, 1);
    assert.equal(r.timeline[0]!.kind, 'declared');
    assert.match(r.timeline.find((e) => e.kind === 'signal')!.summary, /signal .* with 2 evidence mentions/);
    // The room carries the playbook version it was declared with: holding statements and checklists.
    assert.equal(r.playbook!.version, 1);
    assert.deepEqual(r.playbook!.content, defaultPlaybooks.offensive_ad.content);
    assert.equal(r.capability, 'observer');
    assert.equal((await room(people.exec!, crisis.id)).capability, 'lead');
    assert.equal((await room(people.pr!, crisis.id)).capability, 'responder');
    const audit = await t.container.database.query<{ action: string }>(
      `select action from audit_log where target_id = $1`,
      [crisis.id],
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['crisis.declared'],
    );
  });

  it('refuses evidence and brands from outside the workspace', async () => {
    const { mentionIds } = await evidence(['this is fine']);
    const strangers = '0b7d8c2e-55aa-4d4c-9a3e-2f9f3f6e1d01';
    const unknown = await api<{ error: { code: string } }>(people.mkt!, 'POST', '/api/crises', {
      title: 'x',
      type: 'other',
      severity: 'SEV4',
      evidenceMentionIds: [...mentionIds, strangers],
    });
    assert.equal(unknown.status, 400, unknown.raw);
    assert.equal(unknown.body.error.code, 'validation_failed');
    const badBrand = await api(people.mkt!, 'POST', '/api/crises', {
      title: 'x',
      type: 'other',
      severity: 'SEV4',
      brandId: strangers,
    });
    assert.equal(badBrand.status, 400, badBrand.raw);
    const notUuid = await api(people.mkt!, 'POST', '/api/crises', {
      title: 'x',
      type: 'other',
      severity: 'SEV4',
      evidenceMentionIds: ['m1'],
    });
    assert.equal(notUuid.status, 400, notUuid.raw);
    const { crises } = (await api<{ crises: Crisis[] }>(owner, 'GET', '/api/crises')).body;
    assert.ok(!crises.some((c) => c.title === 'x'), 'nothing was declared');
  });

  it('falls back to the declarer as lead when nobody in executive or PR is on call (override wins over rotation)', async () => {
    const now = Date.now();
    const res = await api(owner, 'POST', '/api/on-call/overrides', {
      department: 'pr',
      memberId: id('pr2'),
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
    });
    assert.equal(res.status, 201, res.raw);
    const schedule = (await api<OnCallSchedule>(people.viewer!, 'GET', '/api/on-call')).body;
    assert.equal(schedule.now.pr, id('pr2'));
    assert.equal(schedule.now.executive, id('exec'));
    const crisis = await declare(people.cs!, { type: 'service_failure', severity: 'SEV3' });
    const r = await room(people.cs!, crisis.id);
    assert.equal(r.roles.find((x) => x.role === 'spokesperson')!.memberId, id('pr2'));
    await api(owner, 'DELETE', `/api/on-call/overrides/${(res.body as { id: string }).id}`);
  });

  it('posts messages with @mentions, records decisions and facts, all on the timeline and as live events', async () => {
    const crisis = await declare(people.mkt!);
    const handle = people.legal!.info.member.email.split('@')[0];
    const msg = await api<{ mentions: string[]; authorName: string }>(
      people.pr!,
      'POST',
      `/api/crises/${crisis.id}/messages`,
      { body: `@${handle} can you review the draft?` },
    );
    assert.equal(msg.status, 201, msg.raw);
    assert.deepEqual(msg.body.mentions, [id('legal')]);
    // The person named gets a notification; the author naming themselves does not.
    const self = people.pr!.info.member.email.split('@')[0];
    await api(people.pr!, 'POST', `/api/crises/${crisis.id}/messages`, {
      body: `note to @${self}: call back`,
    });
    const notified = await t.container.database.query<{ payload: { memberId: string; kind: string } }>(
      `select payload from events where name = 'crisis.notification' and payload->>'crisisId' = $1 order by id`,
      [crisis.id],
    );
    assert.deepEqual(
      notified.map((n) => [n.payload.memberId, n.payload.kind]),
      [[id('legal'), 'mention']],
    );
    const decision = await api(people.exec!, 'POST', `/api/crises/${crisis.id}/decisions`, {
      decision: 'Pull the ad everywhere',
      rationale: 'It is spreading on TikTok',
    });
    assert.equal(decision.status, 201, decision.raw);
    const fact = await api<{ facts: Array<{ id: string; kind: string }> }>(
      people.pr!,
      'POST',
      `/api/crises/${crisis.id}/facts`,
      { kind: 'unknown', text: 'Who approved the final cut' },
    );
    assert.equal(fact.status, 201);
    const edited = await api<{ facts: Array<{ kind: string; text: string }> }>(
      people.pr!,
      'PATCH',
      `/api/crises/${crisis.id}/facts/${fact.body.facts[0]!.id}`,
      { kind: 'known', text: 'The agency approved the final cut' },
    );
    assert.deepEqual(
      edited.body.facts.map((f) => [f.kind, f.text]),
      [['known', 'The agency approved the final cut']],
    );
    const note = await api(people.pr!, 'POST', `/api/crises/${crisis.id}/notes`, {
      text: 'Journalist from Daily called',
    });
    assert.equal(note.status, 201);
    const r = await room(people.viewer!, crisis.id);
    assert.equal(r.messages.length, 2);
    assert.equal(r.decisions[0]!.decidedByName, 'member executive');
    const kinds = r.timeline.map((e) => e.kind);
    for (const k of ['decision', 'fact', 'note']) assert.ok(kinds.includes(k as never), k);
    const events = await t.container.database.query<{ name: string }>(
      `select name from events where payload->>'crisisId' = $1 or payload->>'id' = $1 order by id`,
      [crisis.id],
    );
    const names = new Set(events.map((e) => e.name));
    for (const n of [
      'crisis.declared',
      'crisis.message.posted',
      'crisis.decision.recorded',
      'crisis.fact.updated',
      'crisis.timeline.appended',
    ]) {
      assert.ok(names.has(n), n);
    }
  });

  it('takes messages from many people at once alongside a status change, losing none', async () => {
    const crisis = await declare(people.mkt!);
    const authors = ['pr', 'pr2', 'legal', 'cs', 'mkt', 'mkt2', 'exec'];
    const results = await Promise.all([
      ...authors.map((who, i) =>
        api(people[who]!, 'POST', `/api/crises/${crisis.id}/messages`, { body: `update ${i}` }),
      ),
      api(people.exec!, 'POST', `/api/crises/${crisis.id}/status`, { status: 'contained' }),
      api(people.pr!, 'POST', `/api/crises/${crisis.id}/decisions`, { decision: 'Hold the apology' }),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      [...authors.map(() => 201), 200, 201],
    );
    const r = await room(people.viewer!, crisis.id);
    assert.deepEqual(r.messages.map((m) => m.body).sort(), authors.map((_, i) => `update ${i}`).sort());
    assert.equal(r.crisis.status, 'contained');
  });

  it('refuses to complete a task while a dependency is open', async () => {
    const crisis = await declare(people.mkt!);
    const r = await room(people.pr!, crisis.id);
    const draft = r.tasks.find((x) => x.title === 'Draft the holding statement')!;
    const review = r.tasks.find((x) => x.dependsOn.includes(draft.id) && x.department === 'legal')!;
    const blocked = await api<{ error: { code: string; message: string } }>(
      people.legal!,
      'PATCH',
      `/api/crises/${crisis.id}/tasks/${review.id}`,
      { status: 'done' },
    );
    assert.equal(blocked.status, 409, blocked.raw);
    assert.match(blocked.body.error.message, /Draft the holding statement/);
    const done = await api<CrisisTask>(people.pr!, 'PATCH', `/api/crises/${crisis.id}/tasks/${draft.id}`, {
      status: 'done',
    });
    assert.equal(done.status, 200, done.raw);
    assert.ok(done.body.completedAt);
    const ok = await api<CrisisTask>(people.legal!, 'PATCH', `/api/crises/${crisis.id}/tasks/${review.id}`, {
      status: 'done',
    });
    assert.equal(ok.status, 200, ok.raw);
    const cycle = await api(people.pr!, 'PATCH', `/api/crises/${crisis.id}/tasks/${draft.id}`, {
      dependsOn: [review.id],
    });
    assert.equal(cycle.status, 400, cycle.raw);
    const created = await api<CrisisTask>(people.cs!, 'POST', `/api/crises/${crisis.id}/tasks`, {
      title: 'Call the top 20 affected customers',
      department: 'customer_service',
      ownerId: id('cs'),
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      dependsOn: [draft.id],
    });
    assert.equal(created.status, 201, created.raw);
  });

  it('lets only the crisis lead (or owners and admins) change status and severity, through the state machine', async () => {
    const crisis = await declare(people.mkt!);
    for (const who of ['pr', 'mkt', 'legal']) {
      const res = await api<{ error: { code: string } }>(
        people[who]!,
        'POST',
        `/api/crises/${crisis.id}/status`,
        { status: 'contained' },
      );
      assert.equal(res.status, 403, `${who}: ${res.raw}`);
      assert.equal(res.body.error.code, 'forbidden');
      const sev = await api(people[who]!, 'POST', `/api/crises/${crisis.id}/severity`, { severity: 'SEV1' });
      assert.equal(sev.status, 403, `${who}: ${sev.raw}`);
    }
    const viewer = await api(people.viewer!, 'POST', `/api/crises/${crisis.id}/status`, {
      status: 'contained',
    });
    assert.equal(viewer.status, 403);
    const contained = await api<Crisis>(people.exec!, 'POST', `/api/crises/${crisis.id}/status`, {
      status: 'contained',
    });
    assert.equal(contained.status, 200, contained.raw);
    assert.equal(contained.body.status, 'contained');
    const skip = await api<{ error: { code: string } }>(
      people.exec!,
      'POST',
      `/api/crises/${crisis.id}/status`,
      { status: 'reviewed' },
    );
    assert.equal(skip.status, 409, skip.raw);
    const sev = await api<Crisis>(owner, 'POST', `/api/crises/${crisis.id}/severity`, {
      severity: 'SEV1',
      note: 'press picked it up',
    });
    assert.equal(sev.status, 200, sev.raw);
    assert.equal(sev.body.severity, 'SEV1');
    // Due within the SEV1 cadence (an hour) now.
    assert.ok(new Date(sev.body.nextSitrepDueAt!).getTime() <= Date.now() + 3_600_000 + 1000);
    const r = await room(people.pr!, crisis.id);
    const status = r.timeline.find((e) => e.kind === 'status')!;
    assert.match(status.summary, /active → contained/);
    assert.equal(status.actorId, id('exec'));

    // Handing the lead over moves the power with it, and the tenure is recorded.
    const handover = await api<{
      roles: Array<{ role: string; memberId: string; handedOverAt: string | null }>;
    }>(people.exec!, 'POST', `/api/crises/${crisis.id}/roles`, { role: 'crisis_lead', memberId: id('pr') });
    assert.equal(handover.status, 200, handover.raw);
    const leads = handover.body.roles.filter((x) => x.role === 'crisis_lead');
    assert.equal(leads.length, 2);
    assert.equal(leads[0]!.memberId, id('exec'));
    assert.ok(leads[0]!.handedOverAt);
    assert.equal(leads[1]!.memberId, id('pr'));
    assert.equal(leads[1]!.handedOverAt, null);
    const byOld = await api(people.exec!, 'POST', `/api/crises/${crisis.id}/status`, { status: 'active' });
    assert.equal(byOld.status, 403);
    const byNew = await api(people.pr!, 'POST', `/api/crises/${crisis.id}/status`, { status: 'active' });
    assert.equal(byNew.status, 200, byNew.raw);
    const notLead = await api(people.legal!, 'POST', `/api/crises/${crisis.id}/roles`, {
      role: 'scribe',
      memberId: id('legal'),
    });
    assert.equal(notLead.status, 403);
  });

  it('lets observers read but not act', async () => {
    const crisis = await declare(people.mkt!);
    const made = await api(people.exec!, 'POST', `/api/crises/${crisis.id}/roles`, {
      role: 'observer',
      memberId: id('mkt2'),
    });
    assert.equal(made.status, 200, made.raw);
    const r = await room(people.mkt2!, crisis.id);
    assert.equal(r.capability, 'observer');
    const task = r.tasks[0]!;
    const attempts: Array<[string, string, object]> = [
      ['POST', `/api/crises/${crisis.id}/messages`, { body: 'hello' }],
      ['POST', `/api/crises/${crisis.id}/decisions`, { decision: 'x' }],
      ['POST', `/api/crises/${crisis.id}/facts`, { kind: 'known', text: 'x' }],
      ['POST', `/api/crises/${crisis.id}/notes`, { text: 'x' }],
      ['PATCH', `/api/crises/${crisis.id}/tasks/${task.id}`, { status: 'doing' }],
      ['POST', `/api/crises/${crisis.id}/tasks`, { title: 'x', department: 'marketing' }],
      ['POST', `/api/crises/${crisis.id}/sitreps`, { situation: 'x' }],
      ['POST', `/api/crises/${crisis.id}/status`, { status: 'contained' }],
    ];
    for (const who of ['mkt2', 'viewer']) {
      for (const [method, url, payload] of attempts) {
        const res = await api<{ error: { code: string } }>(people[who]!, method, url, payload);
        assert.equal(res.status, 403, `${who} ${method} ${url}: ${res.raw}`);
        assert.equal(res.body.error.code, 'forbidden');
      }
    }
    const viewerDeclares = await api(people.viewer!, 'POST', '/api/crises', {
      title: 'x',
      type: 'other',
      severity: 'SEV4',
    });
    assert.equal(viewerDeclares.status, 403);
    const after = await room(people.pr!, crisis.id);
    assert.equal(after.messages.length, 0);
    assert.equal(after.tasks.find((x) => x.id === task.id)!.status, 'todo');
    // A responder can post.
    assert.equal(
      (await api(people.mkt!, 'POST', `/api/crises/${crisis.id}/messages`, { body: 'on it' })).status,
      201,
    );
  });

  it('files situation reports on the timeline and moves the next due time by the severity cadence', async () => {
    const crisis = await declare(people.mkt!, { severity: 'SEV3' });
    const res = await api(people.exec!, 'POST', `/api/crises/${crisis.id}/sitreps`, {
      situation: 'Volume falling',
      actions: 'Ad pulled',
      needs: 'Legal sign-off on apology',
    });
    assert.equal(res.status, 201, res.raw);
    const r = await room(people.pr!, crisis.id);
    assert.equal(r.sitreps.length, 1);
    assert.ok(r.timeline.some((e) => e.kind === 'sitrep'));
    const due = new Date(r.crisis.nextSitrepDueAt!).getTime() - new Date(r.sitreps[0]!.createdAt).getTime();
    assert.equal(due, 4 * 3_600_000);
  });

  it('versions playbooks: a new version records who and why, new crises use it, old crises keep theirs', async () => {
    const first = await declare(people.mkt!, { type: 'misinformation' });
    const list = await api<{ playbooks: Playbook[] }>(people.viewer!, 'GET', '/api/playbooks');
    assert.equal(list.body.playbooks.length, 8);
    const current = list.body.playbooks.find((p) => p.crisisType === 'misinformation')!;
    const content = {
      ...current.current.content,
      tasks: [
        ...current.current.content.tasks,
        {
          key: 'debunk-video',
          title: 'Record a short debunk video',
          department: 'pr',
          dueAfterMinutes: 300,
          dependsOn: ['fact-check'],
          description: '',
        },
      ],
    };
    const denied = await api(people.mkt!, 'POST', '/api/playbooks/misinformation/versions', {
      content,
      reason: 'x',
    });
    assert.equal(denied.status, 403);
    const noReason = await api(people.pr!, 'POST', '/api/playbooks/misinformation/versions', {
      content,
      reason: '',
    });
    assert.equal(noReason.status, 400);
    const cyclic = await api(people.pr!, 'POST', '/api/playbooks/misinformation/versions', {
      content: {
        ...content,
        tasks: [{ key: 'a', title: 'a', department: 'pr', dueAfterMinutes: 1, dependsOn: ['a'] }],
      },
      reason: 'loop',
    });
    assert.equal(cyclic.status, 400, cyclic.raw);
    const saved = await api<Playbook>(people.pr!, 'POST', '/api/playbooks/misinformation/versions', {
      content,
      reason: 'Video works better than text on TikTok',
    });
    assert.equal(saved.status, 201, saved.raw);
    assert.equal(saved.body.current.version, 2);
    assert.equal(saved.body.current.changedBy, people.pr!.info.member.email);
    assert.deepEqual(saved.body.current.changes, [
      'added task "Record a short debunk video" (pr, due after 5 h)',
    ]);
    const unchanged = await api(people.pr!, 'POST', '/api/playbooks/misinformation/versions', {
      content,
      reason: 'again',
    });
    assert.equal(unchanged.status, 400, unchanged.raw);
    const history = await api<{ versions: Array<{ version: number; reason: string; changes: string[] }> }>(
      people.viewer!,
      'GET',
      '/api/playbooks/misinformation',
    );
    assert.deepEqual(
      history.body.versions.map((v) => [v.version, v.reason]),
      [
        [2, 'Video works better than text on TikTok'],
        [1, 'Firebreak default playbook'],
      ],
    );
    assert.match(history.body.versions[1]!.changes[0]!, /^created with \d+ tasks/);
    const audit = await t.container.database.query<{ summary: { changes: string[]; reason: string } }>(
      `select summary from audit_log where action = 'playbook.version_saved' order by created_at desc limit 1`,
    );
    assert.deepEqual(audit[0]!.summary.changes, saved.body.current.changes);
    const second = await declare(people.mkt!, { type: 'misinformation' });
    assert.equal(second.playbookVersion, 2);
    assert.ok(
      (await room(people.pr!, second.id)).tasks.some((x) => x.title === 'Record a short debunk video'),
    );
    assert.equal((await room(people.pr!, first.id)).crisis.playbookVersion, 1);
    assert.equal((await room(people.pr!, first.id)).playbook!.version, 1);
    assert.equal((await room(people.pr!, second.id)).playbook!.version, 2);
    assert.ok(
      !(await room(people.pr!, first.id)).tasks.some((x) => x.title === 'Record a short debunk video'),
    );
  });

  it('keeps crises inside their workspace', async () => {
    const crisis = await declare(people.mkt!);
    await t.container.services.workspaces.createWorkspace({
      name: 'Other',
      ownerEmail: 'o@other.test',
      ownerPassword: 'correct horse battery staple',
    });
    const other = await t.signIn('o@other.test', 'correct horse battery staple');
    assert.equal((await api(other, 'GET', `/api/crises/${crisis.id}`)).status, 404);
    assert.equal((await api(other, 'POST', `/api/crises/${crisis.id}/messages`, { body: 'hi' })).status, 404);
    assert.equal((await api<{ crises: Crisis[] }>(other, 'GET', '/api/crises')).body.crises.length, 0);
  });
});
