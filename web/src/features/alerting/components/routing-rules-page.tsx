// Settings → Routing: which signals (by severity, brand, platform, kind) go to which departments' on-call
// members and notification channels, and how they escalate when nobody acknowledges them.
import {
  type Department,
  departments,
  escalationLevelLabels,
  escalationLevels,
  platforms,
  type RoutingRule,
  signalKinds,
  type SignalSeverity,
  signalSeverities,
} from '@contracts';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconPencil, IconPlus, IconRoute, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmModal, useConfirm } from '../../../components/confirm-modal';
import { EmptyRows } from '../../../components/empty-state';
import { ActionsHeader, ListTable, RowAction } from '../../../components/list-table';
import { NoAccess } from '../../../components/no-access';
import { PageHeader } from '../../../components/page-header';
import { sortByText } from '../../../lib/collections';
import { departmentLabels, options, platformLabels } from '../../../lib/labels';
import { useCan } from '../../auth/hooks/use-session';
import { useBrands } from '../../brands/hooks/use-brands';
import { useMembers } from '../../members/hooks/use-members';
import { getOnCall, onCallKeys } from '../../on-call/on-call.api';
import { useDeleteRoutingRule, useRoutingRules, useSaveRoutingRule } from '../../signals/hooks/use-signals';
import { severityLabels, signalKindLabels } from '../../signals/signal-text';
import { useChannels } from '../hooks/use-alerting';
import {
  checkRuleForm,
  describeRule,
  emptyRuleForm,
  type RuleFormValues,
  ruleFormFromRule,
  ruleInputFromForm,
} from '../routing-rules';

interface ModalState {
  opened: boolean;
  rule: RoutingRule | null;
  nonce: number;
}

export default function RoutingRulesPage() {
  useDocumentTitle('Routing · Firebreak');
  const canRead = useCan('routing_rule.read');
  const canManage = useCan('routing_rule.manage');
  const canReadChannels = useCan('notification_channel.read');
  const rules = useRoutingRules();
  const channels = useChannels(canReadChannels);
  const brands = useBrands(true);
  const members = useMembers();
  const onCall = useQuery({ queryKey: onCallKeys.all, queryFn: ({ signal }) => getOnCall(signal) });
  const save = useSaveRoutingRule();
  const remove = useDeleteRoutingRule();
  const [modal, setModal] = useState<ModalState>({ opened: false, rule: null, nonce: 0 });
  const confirm = useConfirm<RoutingRule>();

  const labels = useMemo(
    () => ({
      severity: severityLabels,
      kind: signalKindLabels,
      platform: platformLabels,
      department: departmentLabels,
      brand: (id: string) => brands.data?.brands.find((b) => b.id === id)?.name ?? 'a removed brand',
      channel: (id: string) =>
        channels.data?.channels.find((c) => c.id === id)?.name ??
        (canReadChannels ? 'a removed channel' : 'a channel'),
    }),
    [brands.data, channels.data, canReadChannels],
  );
  if (!canRead) return <NoAccess what="routing rules" />;
  const rows = rules.data?.rules ?? [];
  const onCallName = (d: Department) => {
    const id = onCall.data?.now[d];
    return id ? (members.data?.members.find((m) => m.id === id)?.name ?? 'someone') : null;
  };

  return (
    <>
      <PageHeader
        title="Routing"
        description={
          <>
            Which signals reach whom. Each matching rule notifies the member on call in its departments (in
            the app) and its notification channels; if nobody acknowledges in time, the signal escalates step
            by step. Who is on call comes from{' '}
            <Anchor component={Link} to="/settings/on-call" size="sm">
              On call
            </Anchor>
            .
          </>
        }
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setModal((m) => ({ opened: true, rule: null, nonce: m.nonce + 1 }))}
            >
              New rule
            </Button>
          )
        }
      />
      <ListTable
        label="Routing rules"
        what="routing rules"
        query={rules}
        columns={6}
        minWidth={860}
        verticalSpacing="sm"
        head={
          <>
            <Table.Th w="18%">Rule</Table.Th>
            <Table.Th>Signals</Table.Th>
            <Table.Th>Notifies</Table.Th>
            <Table.Th>Escalation</Table.Th>
            <Table.Th w={90}>Enabled</Table.Th>
            <ActionsHeader width={90} />
          </>
        }
        isEmpty={rows.length === 0}
        empty={
          <EmptyRows icon={<IconRoute size={22} />} title="No routing rules">
            Without a rule, signals are shown on the Signals page but nobody is notified. Add one to tell the
            people on call.
          </EmptyRows>
        }
      >
        {rows.map((rule) => {
          const text = describeRule(rule, labels);
          return (
            <Table.Tr key={rule.id} data-testid="routing-rule-row">
              <Table.Td fw={600}>{rule.name}</Table.Td>
              <Table.Td>
                <Text size="sm">{text.matches}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{text.notifies}</Text>
                {rule.departments.length > 0 && (
                  <Text size="xs" c="dimmed">
                    Now:{' '}
                    {rule.departments
                      .map((d) => `${departmentLabels[d]}: ${onCallName(d) ?? 'nobody on call'}`)
                      .join(' · ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{text.escalation}</Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${rule.name} enabled`}
                  checked={rule.enabled}
                  disabled={!canManage}
                  onChange={(e) => save.mutate({ id: rule.id, input: { enabled: e.currentTarget.checked } })}
                />
              </Table.Td>
              <Table.Td aria-label="Actions">
                {canManage && (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <RowAction
                      tooltip="Edit"
                      label={`Edit ${rule.name}`}
                      icon={<IconPencil size={17} />}
                      onClick={() => setModal((m) => ({ opened: true, rule, nonce: m.nonce + 1 }))}
                    />
                    <RowAction
                      tooltip="Remove"
                      label={`Remove ${rule.name}`}
                      icon={<IconTrash size={17} />}
                      onClick={() => confirm.ask(rule)}
                    />
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
      <Modal
        opened={modal.opened}
        onClose={() => setModal((m) => ({ ...m, opened: false }))}
        title={<Text fw={600}>{modal.rule ? `Edit ${modal.rule.name}` : 'New routing rule'}</Text>}
        size="lg"
      >
        <RuleForm
          key={modal.nonce}
          rule={modal.rule}
          brands={sortByText(brands.data?.brands ?? [], (b) => b.name).map((b) => ({
            value: b.id,
            label: b.name,
          }))}
          channels={(channels.data?.channels ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onDone={() => setModal((m) => ({ ...m, opened: false }))}
          save={save}
        />
      </Modal>
      <ConfirmModal
        opened={confirm.opened}
        onClose={confirm.close}
        title={`Remove ${confirm.item?.name ?? 'rule'}?`}
        confirmLabel="Remove"
        onConfirm={() => confirm.item && remove.mutate(confirm.item.id, { onSuccess: confirm.close })}
        pending={remove.isPending}
      >
        Signals it matched are no longer routed by it; signals already open keep their alerts.
      </ConfirmModal>
    </>
  );
}

function RuleForm({
  rule,
  brands,
  channels,
  onDone,
  save,
}: {
  rule: RoutingRule | null;
  brands: { value: string; label: string }[];
  channels: { value: string; label: string }[];
  onDone: () => void;
  save: ReturnType<typeof useSaveRoutingRule>;
}) {
  const [values, setValues] = useState<RuleFormValues>(() =>
    rule ? ruleFormFromRule(rule) : emptyRuleForm(),
  );
  const [errors, setErrors] = useState<Partial<Record<keyof RuleFormValues | 'form', string>>>({});
  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = checkRuleForm(values);
    if (Object.keys(problems).length > 0) return setErrors(problems);
    setErrors({});
    const input = ruleInputFromForm(values);
    save.mutate(rule ? { id: rule.id, input } : { id: null, input }, {
      onSuccess: onDone,
      onError: (error) => setErrors({ form: error.message }),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          label="Name"
          value={values.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <Text fw={600} size="sm">
          Which signals
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select<SignalSeverity>
            label="Minimum severity"
            data={signalSeverities.map((s) => ({ value: s, label: severityLabels[s] }))}
            value={values.minSeverity}
            onChange={(v) => v && set('minSeverity', v)}
            allowDeselect={false}
          />
          <MultiSelect
            label="Kinds"
            placeholder={values.kinds.length ? undefined : 'Every kind'}
            data={signalKinds.map((k) => ({ value: k, label: signalKindLabels[k] }))}
            value={values.kinds}
            onChange={(v) => set('kinds', v)}
          />
          <MultiSelect
            label="Brands"
            placeholder={values.brandIds.length ? undefined : 'Every brand'}
            data={brands}
            value={values.brandIds}
            onChange={(v) => set('brandIds', v)}
            searchable
          />
          <MultiSelect
            label="Platforms"
            placeholder={values.platforms.length ? undefined : 'Any platform'}
            data={platforms.map((p) => ({ value: p, label: platformLabels[p] }))}
            value={values.platforms}
            onChange={(v) => set('platforms', v)}
            searchable
          />
        </SimpleGrid>
        <Text fw={600} size="sm">
          Who is notified
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label="Departments (the member on call in each)"
            data={options(departmentLabels, departments)}
            value={values.departments}
            onChange={(v) => set('departments', v)}
            error={errors.departments}
          />
          <MultiSelect
            label="Notification channels"
            placeholder={channels.length ? undefined : 'No channel set up'}
            data={channels}
            value={values.channelIds}
            onChange={(v) => set('channelIds', v)}
            searchable
          />
        </SimpleGrid>
        <Text fw={600} size="sm">
          Escalation when nobody acknowledges
        </Text>
        <NumberInput
          label="Minutes before each step"
          min={1}
          max={1440}
          value={values.ackTimeoutMinutes}
          onChange={(v) => set('ackTimeoutMinutes', Number(v) || 1)}
          error={errors.ackTimeoutMinutes}
          w={220}
        />
        <Checkbox.Group
          label="Steps, in order"
          value={values.escalation}
          onChange={(v) => set('escalation', v)}
        >
          <Stack gap={6} mt={6}>
            {escalationLevels.map((level, i) => (
              <Checkbox key={level} value={level} label={`${i + 1}. ${escalationLevelLabels[level]}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Switch
          label="Enabled"
          checked={values.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {rule ? 'Save' : 'Add rule'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
