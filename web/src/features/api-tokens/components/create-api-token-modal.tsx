import { CreateApiTokenInput, type CreatedApiToken, type Department, type WorkspaceRole } from '@contracts';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/http';
import { SecretReveal } from '../../../components/secret-reveal';
import { issuePathSegments } from '../../../lib/issue-path';
import { departmentLabels, options, roleLabels } from '../../../lib/labels';
import { useCreateApiToken } from '../hooks/use-api-tokens';

type TokenRole = Exclude<WorkspaceRole, 'owner'>;
const departmentOptions = options(departmentLabels);
const roleOptions = options(roleLabels, ['admin', 'member', 'viewer'] as const);

type Field = 'name' | 'role' | 'department';
type FieldErrors = Partial<Record<Field | 'form', string>>;

function errorsFromIssues(issues: readonly { path: string | readonly PropertyKey[]; message: string }[]) {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const [field] = issuePathSegments(issue.path);
    const key: Field | 'form' =
      field === 'name' || field === 'role' || field === 'department' ? field : 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

export function CreateApiTokenModal({
  opened,
  onClose,
  formKey,
}: {
  opened: boolean;
  onClose: () => void;
  formKey: number;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>New API token</Text>} size="lg">
      <CreateApiTokenForm key={formKey} onDone={onClose} />
    </Modal>
  );
}

function CreateApiTokenForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<TokenRole | null>('viewer');
  const [department, setDepartment] = useState<Department | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const create = useCreateApiToken();

  if (created) {
    return (
      <Stack gap="md">
        <Text size="sm">
          The token “{created.token.name}” acts as a {roleLabels[created.token.role].toLowerCase()} in{' '}
          {departmentLabels[created.token.department]}. Send it as{' '}
          <code>Authorization: Bearer &lt;secret&gt;</code>.
        </Text>
        <SecretReveal
          label="Token secret"
          value={created.secret}
          hint="Copy the secret now and store it in your secrets manager. Firebreak keeps only a hash; if it gets lost, revoke this token and create a new one."
        />
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateApiTokenInput.safeParse({ name, role, department });
    if (!parsed.success) {
      const next = errorsFromIssues(parsed.error.issues);
      if (!department) next.department = 'Choose a department';
      if (!role) next.role = 'Choose a role';
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: setCreated,
      onError: (error) => {
        if (isApiError(error) && error.issues.length > 0) setErrors(errorsFromIssues(error.issues));
        else setErrors({ form: error.message });
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A token lets a script or another system use the Firebreak API. Give it the smallest role that does
          the job; it is recorded in the audit log under its name.
        </Text>
        {errors.form && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          label="Name"
          description="What uses it, e.g. “BI export” or “Status page sync”."
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select<TokenRole>
            label="Role"
            data={roleOptions}
            value={role}
            onChange={setRole}
            error={errors.role}
            allowDeselect={false}
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
        </SimpleGrid>
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onDone} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
