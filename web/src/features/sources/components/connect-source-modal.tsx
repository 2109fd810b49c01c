import type { SavedSource } from '@contracts';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/http';
import { SecretReveal } from '../../../components/secret-reveal';
import { useBrands } from '../../brands/hooks/use-brands';
import { useCreateSource } from '../hooks/use-sources';
import {
  buildSourceInput,
  type ConnectableKind,
  connectableKinds,
  fieldOfIssue,
  initialValues,
  type SourceField,
  sourceKindLabels,
  sourceKindSpecs,
  webhookUrl,
} from '../source-kinds';

const kindOptions = connectableKinds.map((kind) => ({ value: kind, label: sourceKindLabels[kind] }));

export function ConnectSourceModal({
  opened,
  onClose,
  formKey,
}: {
  opened: boolean;
  onClose: () => void;
  formKey: number;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Connect a source</Text>} size="lg">
      <ConnectSourceForm key={formKey} onDone={onClose} />
    </Modal>
  );
}

function ConnectSourceForm({ onDone }: { onDone: () => void }) {
  const [kind, setKind] = useState<ConnectableKind>('inbound_webhook');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>(() => initialValues('inbound_webhook'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<SavedSource | null>(null);
  const create = useCreateSource();
  const brands = useBrands(false);
  const brandOptions = (brands.data?.brands ?? []).map((b) => ({ value: b.id, label: b.name }));

  if (created) return <Connected source={created} onDone={onDone} />;

  const chooseKind = (next: ConnectableKind) => {
    setKind(next);
    setValues(initialValues(next));
    setErrors({});
  };
  const setValue = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildSourceInput(kind, name, values);
    if ('errors' in built) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    create.mutate(built.input, {
      onSuccess: setCreated,
      onError: (error) => {
        if (isApiError(error) && error.issues.length > 0) {
          const next: Record<string, string> = {};
          for (const issue of error.issues) next[fieldOfIssue(kind, issue.path)] ??= issue.message;
          if (next.form) next.form = error.message;
          setErrors(next);
        } else setErrors({ form: error.message });
      },
    });
  };

  const spec = sourceKindSpecs[kind];
  const input = (field: SourceField) => {
    const common = {
      label: field.label,
      description: field.description,
      required: field.required ?? false,
      error: errors[field.key],
    };
    const value = values[field.key] ?? '';
    switch (field.type) {
      case 'secret':
        return (
          <PasswordInput
            key={field.key}
            {...common}
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(field.key, e.currentTarget.value)}
          />
        );
      case 'number':
        return (
          <NumberInput
            key={field.key}
            {...common}
            placeholder={field.placeholder}
            value={value}
            onChange={(v) => setValue(field.key, String(v))}
          />
        );
      case 'brand':
        return (
          <Select
            key={field.key}
            {...common}
            data={brandOptions}
            placeholder={brands.isPending ? 'Loading brands…' : 'Choose a brand'}
            value={value || null}
            clearable={!field.required}
            onChange={(v) => setValue(field.key, v ?? '')}
          />
        );
      case 'select':
        return (
          <Select
            key={field.key}
            {...common}
            data={field.options ?? []}
            value={value || null}
            allowDeselect={false}
            onChange={(v) => setValue(field.key, v ?? '')}
          />
        );
      case 'text':
      case 'list':
        return (
          <TextInput
            key={field.key}
            {...common}
            placeholder={field.placeholder}
            value={value}
            onChange={(e) => setValue(field.key, e.currentTarget.value)}
          />
        );
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {errors.form}
          </Alert>
        )}
        <Select<ConnectableKind>
          label="Kind"
          data={kindOptions}
          value={kind}
          allowDeselect={false}
          onChange={(v) => v && chooseKind(v)}
          description={spec.description}
        />
        <TextInput
          label="Name"
          description="How the source appears on this page and beside its mentions."
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        {spec.fields.map(input)}
        {spec.fields.some((f) => f.in === 'credentials') && (
          <Text size="xs" c="dimmed">
            Credentials are encrypted at rest and never shown again, not even to admins.
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Connect
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** After connecting: where a push source receives deliveries, and its generated secret (shown once). */
function Connected({ source, onDone }: { source: SavedSource; onDone: () => void }) {
  const url = webhookUrl(window.location.origin, source.kind, source.id);
  return (
    <Stack gap="md">
      <Text size="sm">
        “{source.name}” is connected.{' '}
        {url ? 'Point the sending tool at this address:' : 'Its mentions start arriving within seconds.'}
      </Text>
      {url && (
        <TextInput
          label="Webhook URL"
          value={url}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        />
      )}
      {source.signingSecret && (
        <SecretReveal
          label="Signing secret"
          value={source.signingSecret}
          hint="Sign each delivery with this secret (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Firebreak stores it encrypted and will not show it again; to replace it, change the source's credentials."
        />
      )}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
