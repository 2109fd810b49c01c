import type { Department, Member, UpdateMemberInput, WorkspaceRole } from '@contracts';
import { Badge, Button, Select, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyRows } from '../../../components/empty-state';
import { ListTable } from '../../../components/list-table';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { sortByText } from '../../../lib/collections';
import { departmentLabels, memberStatusLabels, options, roleLabels } from '../../../lib/labels';
import { useCan, useSession } from '../../auth/hooks/use-session';
import { useMembers, useUpdateMember } from '../hooks/use-members';
import { InviteMemberModal } from './invite-member-modal';

const departmentOptions = options(departmentLabels);
const statusColors = { active: 'teal', invited: 'blue', disabled: 'gray' } as const;
type EditableStatus = 'active' | 'disabled';
const statusOptions = options({ active: 'Active', disabled: 'Disabled' } satisfies Record<
  EditableStatus,
  string
>);

function StatusBadge({ status }: { status: Member['status'] }) {
  return (
    <Badge variant="light" color={statusColors[status]} radius="sm">
      {memberStatusLabels[status]}
    </Badge>
  );
}

export default function MembersPage() {
  useDocumentTitle('Members · Firebreak');
  const session = useSession();
  const canRead = useCan('member.read');
  const canInvite = useCan('member.invite');
  const canUpdate = useCan('member.update');
  const members = useMembers(canRead);
  const update = useUpdateMember();
  const [invite, setInvite] = useState({ opened: false, nonce: 0 });

  if (!canRead) return <NoAccess what="the member list" />;

  const actorIsOwner = session.member.role === 'owner';
  // Only an owner can make or unmake owners; nobody changes their own role or status here.
  const roleOptions = options(roleLabels).map((option) => ({
    ...option,
    disabled: option.value === 'owner' && !actorIsOwner,
  }));
  const rows = members.data ? sortByText(members.data.members, (member) => member.name) : [];
  const change = (member: Member, input: UpdateMemberInput) => update.mutate({ id: member.id, input });
  const isUpdating = (member: Member) => update.isPending && update.variables.id === member.id;

  return (
    <>
      <PageHeader
        title="Members"
        description="The people in this workspace. The department places them in crisis work; the role sets what they may change."
        actions={
          canInvite && (
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={() => setInvite((s) => ({ opened: true, nonce: s.nonce + 1 }))}
            >
              Invite member
            </Button>
          )
        }
      />

      <ListTable
        label="Members"
        what="members"
        query={members}
        columns={5}
        minWidth={820}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th w={190}>Department</Table.Th>
            <Table.Th w={150}>Role</Table.Th>
            <Table.Th w={150}>Status</Table.Th>
          </>
        }
        isEmpty={rows.length === 0}
        empty={
          <EmptyRows icon={<IconUsers size={22} />} title="No members">
            Invite the people who handle crises with you: marketing, PR, customer service, legal.
          </EmptyRows>
        }
      >
        {rows.map((member) => {
          const isSelf = member.id === session.member.id;
          const busy = isUpdating(member);
          const ownerLocked = member.role === 'owner' && !actorIsOwner;
          return (
            <Table.Tr key={member.id}>
              <Table.Td fw={600}>{member.name}</Table.Td>
              <Table.Td>
                <Text size="sm">{member.email}</Text>
              </Table.Td>
              <Table.Td>
                {canUpdate && !ownerLocked ? (
                  <Select<Department>
                    aria-label={`Department of ${member.name}`}
                    size="xs"
                    data={departmentOptions}
                    value={member.department}
                    allowDeselect={false}
                    disabled={busy}
                    onChange={(department) =>
                      department && department !== member.department && change(member, { department })
                    }
                  />
                ) : (
                  <Text size="sm">{departmentLabels[member.department]}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {canUpdate && !isSelf && !ownerLocked ? (
                  <Select<WorkspaceRole>
                    aria-label={`Role of ${member.name}`}
                    size="xs"
                    data={roleOptions}
                    value={member.role}
                    allowDeselect={false}
                    disabled={busy}
                    onChange={(role) => role && role !== member.role && change(member, { role })}
                  />
                ) : (
                  <Text size="sm" title={isSelf && canUpdate ? 'You cannot change your own role' : undefined}>
                    {roleLabels[member.role]}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {canUpdate && !isSelf && !ownerLocked && member.status !== 'invited' ? (
                  <Select<EditableStatus>
                    aria-label={`Status of ${member.name}`}
                    size="xs"
                    data={statusOptions}
                    value={member.status}
                    allowDeselect={false}
                    disabled={busy}
                    onChange={(status) => status && status !== member.status && change(member, { status })}
                  />
                ) : (
                  <StatusBadge status={member.status} />
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>

      <InviteMemberModal
        opened={invite.opened}
        onClose={() => setInvite((s) => ({ ...s, opened: false }))}
        formKey={invite.nonce}
      />
    </>
  );
}
