import {
  type CrisisType,
  crisisTypeLabels,
  crisisTypes,
  type Severity,
  severities,
  severityCriteria,
} from '@contracts';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DeclareFrom } from '../declare-link';
import { useDeclareCrisis } from '../hooks/use-crises';

/** Declare by hand or from a signal: title, type, severity (with its written criteria), what we know so far. */
export function DeclareCrisisModal({
  opened,
  onClose,
  from = {},
}: {
  opened: boolean;
  onClose: () => void;
  from?: DeclareFrom;
}) {
  const [title, setTitle] = useState(from.title ?? '');
  const [summary, setSummary] = useState(from.summary ?? '');
  const [type, setType] = useState<CrisisType>(from.type ?? 'offensive_ad');
  const [severity, setSeverity] = useState<Severity>(from.severity ?? 'SEV2');
  const declare = useDeclareCrisis();
  const navigate = useNavigate();
  const evidence = from.evidenceMentionIds ?? [];

  const submit = () =>
    declare.mutate(
      {
        title,
        summary,
        type,
        severity,
        ...(from.brandId ? { brandId: from.brandId } : {}),
        ...(from.signalId ? { signalId: from.signalId } : {}),
        ...(evidence.length > 0 ? { evidenceMentionIds: evidence } : {}),
      },
      {
        onSuccess: (crisis) => {
          onClose();
          setTitle('');
          setSummary('');
          void navigate(`/crises/${crisis.id}`);
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title="Declare a crisis" size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {(from.signalId || evidence.length > 0) && (
            <Alert color="orange" variant="light" title="From a signal" data-testid="declare-from-signal">
              {from.signalId ? `Signal ${from.signalId.slice(0, 8)}` : 'Evidence'} with {evidence.length}{' '}
              evidence {evidence.length === 1 ? 'mention' : 'mentions'}: the crisis keeps them on record.
            </Alert>
          )}
          <TextInput
            label="Title"
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-autofocus
          />
          <Select
            label="Type"
            data={crisisTypes.map((t) => ({ value: t, label: crisisTypeLabels[t] }))}
            value={type}
            onChange={(v) => v && setType(v)}
            allowDeselect={false}
          />
          <Radio.Group label="Severity" value={severity} onChange={(v) => setSeverity(v)}>
            <Stack gap="xs" mt="xs">
              {severities.map((s) => (
                <Radio
                  key={s}
                  value={s}
                  label={`${s} · ${severityCriteria[s].title}`}
                  description={severityCriteria[s].criteria}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label="What we know so far"
            autosize
            minRows={2}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          {declare.error && (
            <Text c="red" size="sm" role="alert">
              {declare.error.message}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Roles fill from who is on call; the playbook for this type creates the first tasks.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={declare.isPending} disabled={!title.trim()}>
              Declare
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
