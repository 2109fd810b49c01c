import { InviteMemberInput, type Department, type InvitedMember, type WorkspaceRole } from '@contracts';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/http';
import { SecretReveal } from '../../../components/secret-reveal';
import { issuePathSegments } from '../../../lib/issue-path';
import { departmentLabels, options, roleLabels } from '../../../lib/labels';
import { useInviteMember } from '../hooks/use-members';

type InvitableRole = Exclude<WorkspaceRole, 'owner'>;
const departmentOptions = options(departmentLabels);
const roleOptions = options(roleLabels, ['admin', 'member', 'viewer'] as const);

type Field = 'email' | 'name' | 'department' | 'role';
type FieldErrors = Partial<Record<Field | 'form', string>>;

function errorsFromIssues(issues: readonly { path: string | readonly PropertyKey[]; message: string }[]) {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const [field] = issuePathSegments(issue.path);
    const key: Field | 'form' =
      field === 'email' || field === 'name' || field === 'department' || field === 'role' ? field : 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

export function InviteMemberModal({
  opened,
  onClose,
  formKey,
}: {
  opened: boolean;
  onClose: () => void;
  formKey: number;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Invite member</Text>} size="lg">
      <InviteMemberForm key={formKey} onDone={onClose} />
    </Modal>
  );
}

function InviteMemberForm({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [department, setDepartment] = useState<Department | null>(null);
  const [role, setRole] = useState<InvitableRole | null>('member');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [invited, setInvited] = useState<InvitedMember | null>(null);
  const invite = useInviteMember();

  if (invited) {
    return (
      <Stack gap="md">
        <Text size="sm">
          {invited.member.name} ({invited.member.email}) is invited as{' '}
          {roleLabels[invited.member.role].toLowerCase()} in {departmentLabels[invited.member.department]}.
          Send them this link; it lets them choose a password and join the workspace.
        </Text>
        <SecretReveal
          label="Invite link"
          value={new URL(invited.inviteUrl, window.location.origin).toString()}
          hint="Copy the link now. Firebreak keeps no readable copy of it; if it gets lost, invite the person again."
        />
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = InviteMemberInput.safeParse({ email, name, department, role });
    if (!parsed.success) {
      const next = errorsFromIssues(parsed.error.issues);
      if (!department) next.department = 'Choose a department';
      if (!role) next.role = 'Choose a role';
      setErrors(next);
      return;
    }
    setErrors({});
    invite.mutate(parsed.data, {
      onSuccess: setInvited,
      onError: (error) => {
        if (isApiError(error) && error.issues.length > 0) setErrors(errorsFromIssues(error.issues));
        else if (isApiError(error, 'conflict')) setErrors({ email: error.message });
        else setErrors({ form: error.message });
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          You get a one-time link to send to the new member. The department decides which crisis work they see
          first; the role decides what they may change.
        </Text>
        {errors.form && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {errors.form}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Email"
            type="email"
            placeholder="dana@example.com"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
            data-autofocus
          />
          <TextInput
            label="Name"
            placeholder="Dana Whitfield"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
          />
          <Select<Department>
            label="Department"
            placeholder="Choose a department"
            data={departmentOptions}
            value={department}
            onChange={setDepartment}
            error={errors.department}
            allowDeselect={false}
          />
          <Select<InvitableRole>
            label="Role"
            data={roleOptions}
            value={role}
            onChange={setRole}
            error={errors.role}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onDone} disabled={invite.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending}>
            Create invite
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
