import {
  type CrisisRoom,
  crisisRoleLabels,
  crisisRoles,
  type CrisisStatus,
  crisisTypeLabels,
  departments,
  type MembershipRole,
  type Severity,
  severities,
  severityCriteria,
} from '@contracts';
import { Alert, Anchor, Grid, Group, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { useMembers } from '../../members/hooks/use-members';
import { assignRole, changeSeverity, changeStatus } from '../crises.api';
import { useCrisisRoom, useRoomMutation } from '../hooks/use-crises';
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
            <RolesPanel room={r} names={names} isLead={isLead} members={members.data?.members ?? []} />
            <FactsPanel crisisId={id} facts={r.facts} canAct={canAct} />
            <DecisionsPanel crisisId={id} decisions={r.decisions} canAct={canAct} />
            <SitrepPanel crisisId={id} sitreps={r.sitreps} canAct={canAct} />
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
  members,
}: {
  room: CrisisRoom;
  names: Map<string, string>;
  isLead: boolean;
  members: Array<{ id: string; name: string; status: string }>;
}) {
  const assign = useRoomMutation((v: { role: MembershipRole; memberId: string }) =>
    assignRole(room.crisis.id, v),
  );
  const current = room.roles.filter((x) => x.handedOverAt === null);
  const options = members.filter((m) => m.status === 'active').map((m) => ({ value: m.id, label: m.name }));
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
              <Text size="sm" fw={500}>
                {crisisRoleLabels[role]}
              </Text>
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
            <Text key={role} size="sm">
              <b>{crisisRoleLabels[role]}s:</b> {holders.map((h) => h.memberName).join(', ')}
            </Text>
          );
        })}
        <Text size="xs" c="dimmed">
          {room.roles.filter((x) => x.handedOverAt).length} handovers recorded. Departments:{' '}
          {departments.join(', ').replace(/_/g, ' ')}.
        </Text>
      </Stack>
    </Section>
  );
}
