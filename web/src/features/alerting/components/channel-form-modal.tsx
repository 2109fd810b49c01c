// Add or edit a notification channel. Secrets are write-only: a stored one shows as "set" and its field
// stays empty (typing replaces it, "Remove" deletes it); they never come back from the server.
import { type NotificationChannel, notificationChannelKinds } from '@contracts';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconKey } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../../api/http';
import { PasswordField } from '../../../components/password-field';
import {
  type ChannelFormValues,
  channelKindLabels,
  checkChannelForm,
  createInputFromForm,
  emptyChannelForm,
  fieldOfServerMessage,
  formFromChannel,
  generateWebhookSecret,
  type SecretName,
  secretFields,
  updateInputFromForm,
} from '../channel-form';
import { useCreateChannel, useUpdateChannel } from '../hooks/use-alerting';

const localTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function ChannelFormModal({
  opened,
  onClose,
  channel,
  formKey,
}: {
  opened: boolean;
  onClose: () => void;
  /** The channel to edit, or null to add one. */
  channel: NotificationChannel | null;
  formKey: number;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{channel ? `Edit ${channel.name}` : 'New notification channel'}</Text>}
      size="lg"
    >
      <ChannelForm key={formKey} channel={channel} onDone={onClose} />
    </Modal>
  );
}

type Errors = Partial<Record<string, string>>;

function ChannelForm({ channel, onDone }: { channel: NotificationChannel | null; onDone: () => void }) {
  const [values, setValues] = useState<ChannelFormValues>(() =>
    channel ? formFromChannel(channel) : emptyChannelForm('slack', localTimeZone),
  );
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const pending = create.isPending || update.isPending;
  const stored = channel?.secretKeys ?? [];
  const set = <K extends keyof ChannelFormValues>(key: K, value: ChannelFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setSecret = (name: SecretName, value: string) =>
    setValues((v) => ({ ...v, secrets: { ...v.secrets, [name]: value } }));
  const toggleRemove = (name: SecretName, remove: boolean) =>
    setValues((v) => ({
      ...v,
      removeSecrets: remove ? [...v.removeSecrets, name] : v.removeSecrets.filter((n) => n !== name),
    }));

  const onServerError = (error: Error) => {
    if (isApiError(error) && error.issues.length > 0) {
      const next: Errors = {};
      for (const issue of error.issues) {
        const located = fieldOfServerMessage(`${issue.path}: ${issue.message}`);
        next[located?.field ?? 'form'] ??= located?.message ?? issue.message;
      }
      setErrors(next);
      return;
    }
    const located = fieldOfServerMessage(error.message);
    setErrors(located ? { [located.field]: located.message } : { form: error.message });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = checkChannelForm(values, stored);
    if (Object.keys(problems).length > 0) return setErrors(problems);
    setErrors({});
    if (channel) {
      update.mutate(
        { id: channel.id, input: updateInputFromForm(values) },
        { onSuccess: onDone, onError: onServerError },
      );
    } else {
      create.mutate(createInputFromForm(values), { onSuccess: onDone, onError: onServerError });
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
        {!channel && (
          <SegmentedControl
            aria-label="Kind"
            data={notificationChannelKinds.map((k) => ({ value: k, label: channelKindLabels[k] }))}
            value={values.kind}
            onChange={(kind) => {
              setErrors({});
              setValues((v) => ({ ...v, kind, secrets: {} }));
            }}
            fullWidth
          />
        )}
        <TextInput
          label="Name"
          description="How routing rules and the delivery log name it, e.g. “#brand-alerts” or “PR on-call email”."
          value={values.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />

        {values.kind === 'slack' && (
          <TextInput
            label="Channel id"
            description="Only with a bot token, e.g. C0123456789."
            value={values.slackChannel}
            onChange={(e) => set('slackChannel', e.currentTarget.value)}
            error={errors.slackChannel}
          />
        )}
        {values.kind === 'email' && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="SMTP server"
                placeholder="smtp.example.com"
                value={values.host}
                onChange={(e) => set('host', e.currentTarget.value)}
                error={errors.host}
              />
              <NumberInput
                label="Port"
                min={1}
                max={65535}
                value={values.port}
                onChange={(v) => set('port', Number(v) || 587)}
                error={errors.port}
              />
              <Switch
                label="TLS from the start (port 465)"
                checked={values.secure}
                onChange={(e) => set('secure', e.currentTarget.checked)}
                mt={30}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="User name"
                description="Leave empty if the server needs no login."
                value={values.username}
                onChange={(e) => set('username', e.currentTarget.value)}
                error={errors.username}
              />
              <TextInput
                label="From"
                placeholder="Firebreak <alerts@example.com>"
                description="The sender address."
                value={values.from}
                onChange={(e) => set('from', e.currentTarget.value)}
                error={errors.from}
              />
            </SimpleGrid>
            <Textarea
              label="Recipients"
              description="Addresses separated by commas or new lines."
              autosize
              minRows={2}
              value={values.to}
              onChange={(e) => set('to', e.currentTarget.value)}
              error={errors.to}
            />
          </>
        )}

        <Stack gap="sm">
          {secretFields[values.kind].map((field) => {
            const isStored = stored.includes(field.name);
            const removing = values.removeSecrets.includes(field.name);
            return (
              <Stack key={field.name} gap={4}>
                <PasswordField
                  label={
                    <Group gap={6} component="span">
                      {field.label}
                      {isStored && (
                        <Badge
                          size="xs"
                          variant="light"
                          color={removing ? 'red' : 'teal'}
                          leftSection={<IconKey size={10} />}
                        >
                          {removing ? 'will be removed' : 'set'}
                        </Badge>
                      )}
                    </Group>
                  }
                  description={
                    isStored
                      ? `${field.description} Leave empty to keep the stored value.`
                      : field.description
                  }
                  placeholder={isStored ? '•••••••• (stored, not shown)' : field.placeholder}
                  autoComplete="off"
                  value={values.secrets[field.name] ?? ''}
                  onChange={(e) => setSecret(field.name, e.currentTarget.value)}
                  error={errors[`secrets.${field.name}`]}
                  disabled={removing}
                />
                <Group gap="sm">
                  {isStored && (
                    <Checkbox
                      size="xs"
                      label={`Remove the stored ${field.label.toLowerCase()}`}
                      checked={removing}
                      onChange={(e) => toggleRemove(field.name, e.currentTarget.checked)}
                    />
                  )}
                  {values.kind === 'webhook' && field.name === 'signingSecret' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() =>
                        setSecret(
                          'signingSecret',
                          generateWebhookSecret((b) => crypto.getRandomValues(b)),
                        )
                      }
                    >
                      Generate a secret
                    </Button>
                  )}
                </Group>
              </Stack>
            );
          })}
        </Stack>

        <Switch
          label="Quiet hours: hold low-severity alerts until they end"
          checked={values.quietHours}
          onChange={(e) => set('quietHours', e.currentTarget.checked)}
        />
        {values.quietHours && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="From"
              type="time"
              value={values.quietStart}
              onChange={(e) => set('quietStart', e.currentTarget.value)}
              error={errors.quietStart}
            />
            <TextInput
              label="Until"
              type="time"
              value={values.quietEnd}
              onChange={(e) => set('quietEnd', e.currentTarget.value)}
              error={errors.quietEnd}
            />
            <TextInput
              label="Time zone"
              value={values.quietTimeZone}
              onChange={(e) => set('quietTimeZone', e.currentTarget.value)}
              error={errors.quietTimeZone}
            />
          </SimpleGrid>
        )}
        <Switch
          label="Enabled"
          checked={values.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {channel ? 'Save' : 'Add channel'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
