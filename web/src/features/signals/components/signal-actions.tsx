// What a person does with a signal: acknowledge (escalation stops), snooze with an expiry, dismiss, judge it
// real or noise, and declare a crisis from it (then open the crisis room).
import {
  type CrisisType,
  crisisTypeLabels,
  crisisTypes,
  type Severity,
  severities,
  severityCriteria,
  type Signal,
  signalSeverityToCrisis,
} from '@contracts';
import {
  Alert,
  Button,
  Group,
  Menu,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  IconCheck,
  IconChevronDown,
  IconClockPause,
  IconFlame,
  IconThumbDown,
  IconThumbUp,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../auth/hooks/use-session';
import { useDeclareCrisisFromSignal, useSignalAction, useSignalFeedback } from '../hooks/use-signals';
import { snoozeChoices } from '../signal-text';

export function SignalActions({ signal }: { signal: Signal }) {
  const canRespond = useCan('signal.respond');
  const canDeclare = useCan('crisis.declare');
  const action = useSignalAction(signal.id);
  const feedback = useSignalFeedback(signal.id);
  const [dismissing, setDismissing] = useState(false);
  const [customSnooze, setCustomSnooze] = useState(false);
  const [declaring, setDeclaring] = useState(false);
  const closed = signal.status === 'merged' || signal.status === 'escalated' || signal.status === 'dismissed';
  const busy = action.isPending;

  return (
    <Group gap="sm" wrap="wrap" role="toolbar" aria-label="Signal actions">
      {canRespond && !closed && (
        <>
          <Button
            leftSection={<IconCheck size={16} />}
            disabled={signal.status === 'acknowledged'}
            loading={busy && action.variables.kind === 'acknowledge'}
            onClick={() => action.mutate({ kind: 'acknowledge' })}
          >
            {signal.status === 'acknowledged' ? 'Acknowledged' : 'Acknowledge'}
          </Button>
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                leftSection={<IconClockPause size={16} />}
                rightSection={<IconChevronDown size={14} />}
                loading={busy && action.variables.kind === 'snooze'}
              >
                Snooze
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Open again after</Menu.Label>
              {snoozeChoices.map((c) => (
                <Menu.Item
                  key={c.minutes}
                  onClick={() => action.mutate({ kind: 'snooze', minutes: c.minutes })}
                >
                  {c.label}
                </Menu.Item>
              ))}
              <Menu.Item onClick={() => setCustomSnooze(true)}>Other…</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button
            variant="default"
            leftSection={<IconX size={16} />}
            onClick={() => setDismissing(true)}
            loading={busy && action.variables.kind === 'dismiss'}
          >
            Dismiss
          </Button>
        </>
      )}
      {canRespond && (
        <Button.Group>
          <Button
            variant={signal.feedback === 'real' ? 'filled' : 'default'}
            color="teal"
            leftSection={<IconThumbUp size={16} />}
            aria-pressed={signal.feedback === 'real'}
            loading={feedback.isPending && feedback.variables.verdict === 'real'}
            onClick={() => feedback.mutate({ verdict: 'real' })}
          >
            Real
          </Button>
          <Button
            variant={signal.feedback === 'noise' ? 'filled' : 'default'}
            color="gray"
            leftSection={<IconThumbDown size={16} />}
            aria-pressed={signal.feedback === 'noise'}
            loading={feedback.isPending && feedback.variables.verdict === 'noise'}
            onClick={() => feedback.mutate({ verdict: 'noise' })}
          >
            Noise
          </Button>
        </Button.Group>
      )}
      {signal.crisisId ? (
        <Button
          component={Link}
          to={`/crises/${signal.crisisId}`}
          color="red"
          variant="light"
          leftSection={<IconFlame size={16} />}
        >
          Open the crisis room
        </Button>
      ) : (
        canDeclare &&
        signal.status !== 'merged' && (
          <Button color="red" leftSection={<IconFlame size={16} />} onClick={() => setDeclaring(true)}>
            Declare a crisis
          </Button>
        )
      )}

      <DismissModal
        opened={dismissing}
        onClose={() => setDismissing(false)}
        onDismiss={(reason) =>
          action.mutate(
            { kind: 'dismiss', ...(reason ? { reason } : {}) },
            { onSuccess: () => setDismissing(false) },
          )
        }
        pending={busy}
      />
      <SnoozeModal
        opened={customSnooze}
        onClose={() => setCustomSnooze(false)}
        onSnooze={(minutes, note) =>
          action.mutate(
            { kind: 'snooze', minutes, ...(note ? { note } : {}) },
            { onSuccess: () => setCustomSnooze(false) },
          )
        }
        pending={busy}
      />
      <DeclareFromSignalModal signal={signal} opened={declaring} onClose={() => setDeclaring(false)} />
    </Group>
  );
}

function DismissModal({
  opened,
  onClose,
  onDismiss,
  pending,
}: {
  opened: boolean;
  onClose: () => void;
  onDismiss: (reason: string) => void;
  pending: boolean;
}) {
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Dismiss this signal?</Text>}>
      <Stack>
        <Text size="sm">
          It stops escalating and leaves the list of signals needing attention. A new, more severe detection
          of the same episode opens a new signal.
        </Text>
        <Textarea
          label="Why (optional)"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="gray" loading={pending} onClick={() => onDismiss(reason.trim())}>
            Dismiss
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SnoozeModal({
  opened,
  onClose,
  onSnooze,
  pending,
}: {
  opened: boolean;
  onClose: () => void;
  onSnooze: (minutes: number, note: string) => void;
  pending: boolean;
}) {
  const [hours, setHours] = useState<number>(2);
  const [note, setNote] = useState('');
  const minutes = Math.round(hours * 60);
  const valid = minutes >= 5 && minutes <= 7 * 24 * 60;
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Snooze</Text>}>
      <Stack>
        <NumberInput
          label="For how many hours"
          description="Between 5 minutes and 7 days; you stay its owner, and it opens again when the time is up."
          min={0.1}
          max={168}
          step={0.5}
          decimalScale={2}
          value={hours}
          onChange={(v) => setHours(Number(v) || 0)}
          error={valid ? undefined : 'Between 5 minutes and 7 days'}
          data-autofocus
        />
        <Text size="sm" c="dimmed">
          Until {new Date(Date.now() + minutes * 60_000).toLocaleString()}
        </Text>
        <Textarea
          label="Note (optional)"
          autosize
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!valid} loading={pending} onClick={() => onSnooze(minutes, note.trim())}>
            Snooze
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Declare a crisis prefilled from the signal (title, severity mapped from the signal's, top posts as evidence). */
function DeclareFromSignalModal({
  signal,
  opened,
  onClose,
}: {
  signal: Signal;
  opened: boolean;
  onClose: () => void;
}) {
  const [title, setTitle] = useState(signal.title);
  const [summary, setSummary] = useState(signal.explanation.summary);
  const [type, setType] = useState<CrisisType>('other');
  const [severity, setSeverity] = useState<Severity>(signalSeverityToCrisis[signal.severity]);
  const declare = useDeclareCrisisFromSignal(signal.id);
  const navigate = useNavigate();
  const submit = () =>
    declare.mutate(
      {
        title: title.trim(),
        summary: summary.trim(),
        type,
        severity,
        evidenceMentionIds: signal.explanation.topPosts.map((p) => p.mentionId),
      },
      {
        onSuccess: ({ crisis }) => {
          onClose();
          void navigate(`/crises/${crisis.id}`);
        },
      },
    );
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>Declare a crisis from this signal</Text>}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Select
            label="Type"
            data={crisisTypes.map((t) => ({ value: t, label: crisisTypeLabels[t] }))}
            value={type}
            onChange={(v) => v && setType(v)}
            allowDeselect={false}
          />
          <Select
            label="Severity"
            description={severityCriteria[severity].criteria}
            data={severities.map((s) => ({ value: s, label: `${s} · ${severityCriteria[s].title}` }))}
            value={severity}
            onChange={(v) => v && setSeverity(v)}
            allowDeselect={false}
          />
          <Textarea
            label="What we know so far"
            autosize
            minRows={2}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          <Text size="xs" c="dimmed">
            The signal’s {signal.explanation.topPosts.length} top posts go to the crisis as evidence; the
            signal is closed as escalated. Roles fill from who is on call.
          </Text>
          {declare.error && (
            <Alert color="red" role="alert">
              {declare.error.message}
            </Alert>
          )}
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
