import { type Department, departments, type Member, type OnCallRotation } from '@contracts';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../auth/hooks/use-session';
import { useMembers } from '../../members/hooks/use-members';
import { addOverride, getOnCall, onCallKeys, removeOverride, setRotation } from '../on-call.api';

const label = (d: Department) => d.replace('_', ' ').replace(/^\w/, (c) => c.toUpperCase());

/** Who is on call in each department: a rotation (members in order, handoff period) and overrides. */
export default function OnCallPage() {
  useDocumentTitle('On call · Firebreak');
  const canManage = useCan('on_call.manage');
  const schedule = useQuery({ queryKey: onCallKeys.all, queryFn: ({ signal }) => getOnCall(signal) });
  const members = useMembers();
  const active = (members.data?.members ?? []).filter((m) => m.status === 'active');
  if (schedule.isError) {
    return (
      <QueryError error={schedule.error} what="on-call schedules" onRetry={() => void schedule.refetch()} />
    );
  }
  return (
    <>
      <PageHeader
        title="On call"
        description="Who answers for each department right now. Declaring a crisis fills its roles from these schedules: crisis lead from executive (or PR), spokesperson and PR lead from PR, legal counsel, customer-service lead, marketing lead and ad operations."
      />
      {!schedule.data || !members.data ? (
        <Skeleton h={240} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {departments.map((d) => (
            <DepartmentCard
              key={d}
              department={d}
              rotation={schedule.data.rotations.find((r) => r.department === d)}
              overrides={schedule.data.overrides.filter((o) => o.department === d)}
              nowId={schedule.data.now[d] ?? null}
              members={active}
              canManage={canManage}
            />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

function DepartmentCard({
  department,
  rotation,
  overrides,
  nowId,
  members,
  canManage,
}: {
  department: Department;
  rotation: OnCallRotation | undefined;
  overrides: Array<{ id: string; memberId: string; startsAt: string; endsAt: string }>;
  nowId: string | null;
  members: Member[];
  canManage: boolean;
}) {
  const queryClient = useQueryClient();
  const [memberIds, setMemberIds] = useState<string[]>(rotation?.memberIds ?? []);
  const [hours, setHours] = useState<number>(rotation?.handoffEveryHours ?? 168);
  const [overrideMember, setOverrideMember] = useState<string | null>(null);
  const [overrideHours, setOverrideHours] = useState<number>(8);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: onCallKeys.all });
  const save = useMutation({
    mutationFn: () =>
      setRotation({
        department,
        memberIds,
        handoffEveryHours: hours,
        startsAt: rotation?.startsAt ?? startOfToday(),
      }),
    onSuccess: refresh,
  });
  const add = useMutation({
    mutationFn: () =>
      addOverride({
        department,
        memberId: overrideMember!,
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + overrideHours * 3_600_000).toISOString(),
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => removeOverride(id), onSuccess: refresh });
  const name = (id: string) => members.find((m) => m.id === id)?.name ?? 'former member';
  const options = members.map((m) => ({
    value: m.id,
    label: `${m.name} (${m.department.replace('_', ' ')})`,
  }));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={`${label(department)} on call`}>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{label(department)}</Text>
        <Badge color={nowId ? 'teal' : 'gray'} variant="light" data-testid={`on-call-now-${department}`}>
          {nowId ? `On call now: ${name(nowId)}` : 'Nobody on call'}
        </Badge>
      </Group>
      <Stack gap="xs">
        <MultiSelect
          label="Rotation (in order)"
          aria-label={`${label(department)} rotation`}
          data={options}
          value={memberIds}
          onChange={setMemberIds}
          disabled={!canManage}
          searchable
        />
        <Group align="flex-end">
          <NumberInput
            label="Hand off every (hours)"
            min={1}
            value={hours}
            onChange={(v) => setHours(Number(v) || 1)}
            disabled={!canManage}
            w={180}
          />
          {canManage && (
            <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
              Save rotation
            </Button>
          )}
        </Group>
        {overrides.map((o) => (
          <Group key={o.id} gap="xs">
            <Text size="sm">
              Override: {name(o.memberId)} until {new Date(o.endsAt).toLocaleString()}
            </Text>
            {canManage && (
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                aria-label="Remove override"
                onClick={() => remove.mutate(o.id)}
              >
                <IconTrash size={14} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {canManage && (
          <Group align="flex-end">
            <Select
              label="Override: cover now"
              placeholder="Member"
              data={options}
              value={overrideMember}
              onChange={setOverrideMember}
              w={220}
            />
            <NumberInput
              label="for hours"
              min={1}
              value={overrideHours}
              onChange={(v) => setOverrideHours(Number(v) || 1)}
              w={100}
            />
            <Button
              variant="default"
              disabled={!overrideMember}
              onClick={() => add.mutate()}
              loading={add.isPending}
            >
              Add override
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function startOfToday(): string {
  const d = new Date();
  d.setUTCHours(9, 0, 0, 0);
  if (d.getTime() > Date.now()) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString();
}
