import {
  type CrisisRoom,
  crisisRoleLabels,
  crisisRoles,
  type CrisisStatus,
  crisisTypeLabels,
  type MembershipRole,
  type Severity,
  severities,
  severityCriteria,
} from '@contracts';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  CloseButton,
  Grid,
  Group,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { useMembers } from '../../members/hooks/use-members';
import { useSession } from '../../auth/hooks/use-session';
import { assignRole, changeSeverity, changeStatus, endRole } from '../crises.api';
import { useCrisisRoom, useRoomMutation } from '../hooks/use-crises';
import { EvidencePanel, PlaybookPanel } from './crisis-context-panels';
import { DecisionsPanel, FactsPanel, SitrepPanel } from './crisis-side-panels';
import { DiscussionPanel } from './discussion-panel';
import { SeverityBadge, StatusBadge } from './severity-badge';
import { TaskBoards } from './task-boards';
import { Section } from './section';
import { TimelinePanel } from './timeline-panel';

const nextStatuses: Record<CrisisStatus, CrisisStatus[]> = {
  monitoring: ['active', 'resolved'],
  active: ['contained', 'resolved'],
  contained: ['active', 'resolved'],
  resolved: ['active', 'reviewed'],
  reviewed: [],
};

export default function CrisisRoomPage() {
  const { id = '' } = useParams();
  const room = useCrisisRoom(id);
  const members = useMembers();
  useDocumentTitle(`${room.data?.crisis.title ?? 'Crisis'} · Firebreak`);
  const status = useRoomMutation((s: CrisisStatus) => changeStatus(id, s));
  const severity = useRoomMutation((s: Severity) => changeSeverity(id, s));

  if (room.isError && !room.data) {
    return <QueryError error={room.error} what="this crisis" onRetry={() => void room.refetch()} />;
  }
  if (!room.data) return <Skeleton h={300} />;
  const r = room.data;
  const c = r.crisis;
  const names = new Map((members.data?.members ?? []).map((m) => [m.id, m.name]));
  const isLead = r.capability === 'lead';
  const canAct = r.capability !== 'observer';

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/crises" size="sm">
        ← All crises
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} fz="h2">
            {c.title}
          </Title>
          <Group gap="xs">
            <SeverityBadge severity={c.severity} />
            <StatusBadge status={c.status} />
            <Text size="sm" c="dimmed">
              {crisisTypeLabels[c.type]} · declared {new Date(c.declaredAt).toLocaleString()}
              {c.playbookVersion ? ` · playbook v${c.playbookVersion}` : ''}
              {c.nextSitrepDueAt
                ? ` · next situation report due ${new Date(c.nextSitrepDueAt).toLocaleTimeString()}`
                : ''}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" maw={720} data-testid="severity-criteria">
            {c.severity} · {severityCriteria[c.severity].title}: {severityCriteria[c.severity].criteria}
          </Text>
          {c.summary && <Text size="sm">{c.summary}</Text>}
        </Stack>
        {isLead && (
          <Group gap="xs" align="flex-end">
            <Select
              label="Status"
              aria-label="Change status"
              w={160}
              data={[c.status, ...nextStatuses[c.status]]}
              value={c.status}
              allowDeselect={false}
              onChange={(v) => v && v !== c.status && status.mutate(v)}
            />
            <Select
              label="Severity"
              aria-label="Change severity"
              w={200}
              data={severities.map((s) => ({ value: s, label: `${s} · ${severityCriteria[s].title}` }))}
              value={c.severity}
              allowDeselect={false}
              onChange={(v) => v && v !== c.severity && severity.mutate(v)}
            />
          </Group>
        )}
      </Group>
      {r.capability === 'observer' && (
        <Alert color="gray" title="You are observing">
          You can read everything in this room; the crisis lead can give you a role if you need to act.
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <DiscussionPanel crisisId={id} messages={r.messages} canAct={canAct} />
            <TaskBoards room={r} names={names} canAct={canAct} />
            <TimelinePanel crisisId={id} timeline={r.timeline} canAct={canAct} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <RolesPanel
              room={r}
              names={names}
              isLead={isLead}
              canAct={canAct}
              members={members.data?.members ?? []}
            />
            <EvidencePanel room={r} />
            <FactsPanel crisisId={id} facts={r.facts} canAct={canAct} />
            <DecisionsPanel crisisId={id} decisions={r.decisions} canAct={canAct} />
            <SitrepPanel
              crisisId={id}
              sitreps={r.sitreps}
              canAct={canAct}
              dueAt={c.nextSitrepDueAt}
              severity={c.severity}
            />
            <PlaybookPanel room={r} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function RolesPanel({
  room,
  names,
  isLead,
  canAct,
  members,
}: {
  room: CrisisRoom;
  names: Map<string, string>;
  isLead: boolean;
  canAct: boolean;
  members: Array<{ id: string; name: string; status: string; role: string }>;
}) {
  const me = useSession().member.id;
  const assign = useRoomMutation((v: { role: MembershipRole; memberId: string }) =>
    assignRole(room.crisis.id, v),
  );
  const release = useRoomMutation((assignmentId: string) => endRole(room.crisis.id, assignmentId));
  const [seat, setSeat] = useState<'participant' | 'observer'>('participant');
  const current = room.roles.filter((x) => x.handedOverAt === null);
  const active = members.filter((m) => m.status === 'active');
  const options = active.filter((m) => m.role !== 'viewer').map((m) => ({ value: m.id, label: m.name }));
  const seatedIds = new Set(current.map((x) => x.memberId));
  const since = (at: string) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const history = room.roles.filter((x) => x.handedOverAt !== null);
  return (
    <Section title="Roles">
      <Stack gap={6}>
        {crisisRoles.map((role) => {
          const holder = current.find((x) => x.role === role);
          return (
            <Group
              key={role}
              justify="space-between"
              wrap="nowrap"
              gap="xs"
              aria-label={crisisRoleLabels[role]}
            >
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {crisisRoleLabels[role]}
                </Text>
                {holder && (
                  <Text size="xs" c="dimmed">
                    since {since(holder.assumedAt)}
                    {holder.source === 'on_call' ? ' · on call' : ''}
                  </Text>
                )}
              </Stack>
              {isLead ? (
                <Select
                  size="xs"
                  w={170}
                  aria-label={`${crisisRoleLabels[role]} holder`}
                  placeholder="Open"
                  data={options}
                  value={holder?.memberId ?? null}
                  allowDeselect={false}
                  onChange={(v) => v && assign.mutate({ role, memberId: v })}
                />
              ) : (
                <Text size="sm" {...(holder ? {} : { c: 'dimmed' })} data-role={role}>
                  {holder ? (names.get(holder.memberId) ?? holder.memberName) : 'Open'}
                </Text>
              )}
            </Group>
          );
        })}
        {(['participant', 'observer'] as const).map((role) => {
          const holders = current.filter((x) => x.role === role);
          if (holders.length === 0) return null;
          return (
            <Group key={role} gap={4} aria-label={`${crisisRoleLabels[role]}s`}>
              <Text size="sm" fw={600}>
                {crisisRoleLabels[role]}s:
              </Text>
              {holders.map((h) => (
                <Badge
                  key={h.id}
                  variant="light"
                  color="gray"
                  tt="none"
                  {...((isLead || (h.memberId === me && role === 'participant')) && {
                    rightSection: (
                      <CloseButton
                        size="xs"
                        aria-label={`Remove ${h.memberName} as ${crisisRoleLabels[role]}`}
                        onClick={() => release.mutate(h.id)}
                      />
                    ),
                  })}
                >
                  {h.memberName}
                </Badge>
              ))}
            </Group>
          );
        })}
        {isLead && (
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <Select
              size="xs"
              flex={1}
              aria-label="Add to the room"
              placeholder="Add someone…"
              data={active
                .filter((m) => !seatedIds.has(m.id))
                .filter((m) => seat === 'observer' || m.role !== 'viewer')
                .map((m) => ({ value: m.id, label: m.name }))}
              value={null}
              onChange={(v) => v && assign.mutate({ role: seat, memberId: v })}
            />
            <SegmentedControl
              size="xs"
              value={seat}
              onChange={(v) => setSeat(v)}
              data={[
                { value: 'participant', label: 'Participant' },
                { value: 'observer', label: 'Observer' },
              ]}
            />
          </Group>
        )}
        {!isLead && canAct && !seatedIds.has(me) && (
          <Button
            size="xs"
            variant="default"
            w="fit-content"
            onClick={() => assign.mutate({ role: 'participant', memberId: me })}
          >
            Join as participant
          </Button>
        )}
        {history.length > 0 && (
          <Accordion variant="default" chevronPosition="left">
            <Accordion.Item value="history">
              <Accordion.Control>
                <Text size="xs" c="dimmed">
                  {history.length} past {history.length === 1 ? 'tenure' : 'tenures'}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap={2} aria-label="Past tenures">
                  {history.map((h) => (
                    <Text key={h.id} size="xs">
                      {crisisRoleLabels[h.role]}: {h.memberName}, {since(h.assumedAt)}–
                      {since(h.handedOverAt!)}
                    </Text>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Stack>
    </Section>
  );
}
