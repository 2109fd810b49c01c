import {
  crisisRoleLabels,
  crisisRoles,
  type CrisisType,
  crisisTypeLabels,
  crisisTypes,
  departments,
  type PlaybookContent,
  type PlaybookTask,
} from '@contracts';
import {
  ActionIcon,
  Button,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { isApiError } from '../../../api/http';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { departmentLabels } from '../../../lib/labels';
import { useCan } from '../../auth/hooks/use-session';
import { getPlaybook, playbookKeys, savePlaybook } from '../playbooks.api';

function EditorSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={2} fz="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/**
 * The playbook editor: tasks per department with deadlines after the declaration and what each waits on, the
 * roles the crisis needs, holding-statement templates and checklists. Each save is a new version with its reason;
 * the history says who changed what and why.
 */
export default function PlaybooksPage() {
  useDocumentTitle('Playbooks · Firebreak');
  const canManage = useCan('playbook.manage');
  const [type, setType] = useState<CrisisType>('offensive_ad');
  const playbook = useQuery({
    queryKey: playbookKeys.one(type),
    queryFn: ({ signal }) => getPlaybook(type, signal),
  });
  const [draft, setDraft] = useState<PlaybookContent | null>(null);
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const version = playbook.data?.current.version;
  useEffect(() => {
    if (playbook.data) setDraft(structuredClone(playbook.data.current.content));
  }, [playbook.data, version]);
  const save = useMutation({
    mutationFn: () =>
      savePlaybook(type, {
        // Blank lines are how people type lists; they are not checklist items.
        content: {
          ...draft!,
          checklists: draft!.checklists.map((c) => ({
            ...c,
            items: c.items.map((item) => item.trim()).filter(Boolean),
          })),
        },
        reason,
      }),
    onSuccess: (saved) => {
      setReason('');
      notifications.show({
        color: 'teal',
        title: `Saved version ${saved.current.version}`,
        message: saved.current.changes.join('; ') || 'New crises of this type use it.',
      });
      void queryClient.invalidateQueries({ queryKey: playbookKeys.all });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Not saved',
        message: isApiError(error) ? error.message : String(error),
      }),
  });
  const edit = (patch: (c: PlaybookContent) => PlaybookContent) => setDraft((c) => (c ? patch(c) : c));
  const changeTask = (i: number, patch: Partial<PlaybookTask>) =>
    edit((c) => ({ ...c, tasks: c.tasks.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const dirty =
    draft !== null &&
    playbook.data !== undefined &&
    JSON.stringify(draft) !== JSON.stringify(playbook.data.current.content);

  return (
    <>
      <PageHeader
        title="Playbooks"
        description="What each type of crisis sets in motion when declared: tasks per department with deadlines after the declaration, roles, holding statements and checklists. Every save is a new version with its reason; crises keep the version they were declared with."
        actions={
          <Select
            aria-label="Crisis type"
            w={260}
            data={crisisTypes.map((t) => ({ value: t, label: crisisTypeLabels[t] }))}
            value={type}
            allowDeselect={false}
            onChange={(v) => v && setType(v)}
          />
        }
      />
      {playbook.isError && (
        <QueryError error={playbook.error} what="the playbook" onRetry={() => void playbook.refetch()} />
      )}
      {!playbook.data || !draft ? (
        <Skeleton h={240} />
      ) : (
        <Stack>
          <Paper withBorder radius="md" p="md">
            <Stack gap="lg">
              <Text fw={600}>
                {playbook.data.name} · version {playbook.data.current.version}
              </Text>
              <EditorSection title="Tasks">
                <Table aria-label="Playbook tasks" verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Task</Table.Th>
                      <Table.Th w={170}>Department</Table.Th>
                      <Table.Th w={130}>Due after (min)</Table.Th>
                      <Table.Th w={220}>Waits on</Table.Th>
                      <Table.Th w={40} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {draft.tasks.map((t, i) => (
                      <Table.Tr key={t.key}>
                        <Table.Td>
                          <Stack gap={4}>
                            <TextInput
                              aria-label={`Task ${i + 1} title`}
                              value={t.title}
                              disabled={!canManage}
                              onChange={(e) => changeTask(i, { title: e.currentTarget.value })}
                            />
                            <Textarea
                              aria-label={`Task ${i + 1} description`}
                              placeholder="How to do it well"
                              size="xs"
                              autosize
                              maxRows={4}
                              value={t.description}
                              disabled={!canManage}
                              onChange={(e) => changeTask(i, { description: e.currentTarget.value })}
                            />
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Select
                            aria-label={`Task ${i + 1} department`}
                            data={departments.map((d) => ({ value: d, label: departmentLabels[d] }))}
                            value={t.department}
                            disabled={!canManage}
                            allowDeselect={false}
                            onChange={(v) => v && changeTask(i, { department: v })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={`Task ${i + 1} due after minutes`}
                            min={0}
                            value={t.dueAfterMinutes}
                            disabled={!canManage}
                            onChange={(v) => changeTask(i, { dueAfterMinutes: Number(v) || 0 })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <MultiSelect
                            aria-label={`Task ${i + 1} waits on`}
                            size="xs"
                            data={draft.tasks
                              .filter((x) => x.key !== t.key)
                              .map((x) => ({ value: x.key, label: x.title }))}
                            value={t.dependsOn}
                            disabled={!canManage}
                            onChange={(v) => changeTask(i, { dependsOn: v })}
                          />
                        </Table.Td>
                        <Table.Td>
                          {canManage && (
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Remove task ${i + 1}`}
                              onClick={() =>
                                edit((c) => ({
                                  ...c,
                                  tasks: c.tasks
                                    .filter((_, j) => j !== i)
                                    .map((x) => ({
                                      ...x,
                                      dependsOn: x.dependsOn.filter((d) => d !== t.key),
                                    })),
                                }))
                              }
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {canManage && (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    w="fit-content"
                    onClick={() =>
                      edit((c) => ({
                        ...c,
                        tasks: [
                          ...c.tasks,
                          {
                            key: `task-${Date.now().toString(36)}`,
                            title: 'New task',
                            description: '',
                            department: 'pr',
                            dueAfterMinutes: 60,
                            dependsOn: [],
                          },
                        ],
                      }))
                    }
                  >
                    Add task
                  </Button>
                )}
              </EditorSection>

              <EditorSection title="Roles it needs">
                <MultiSelect
                  aria-label="Roles it needs"
                  data={crisisRoles.map((r) => ({ value: r, label: crisisRoleLabels[r] }))}
                  value={draft.roles}
                  disabled={!canManage}
                  onChange={(v) => edit((c) => ({ ...c, roles: v }))}
                />
                <Text size="xs" c="dimmed">
                  Filled from the departments’ on-call schedules when a crisis is declared; the room lists the
                  ones nobody holds.
                </Text>
              </EditorSection>

              <EditorSection title="Holding statements">
                {draft.holdingStatements.map((h, i) => (
                  <Group key={i} align="flex-start" wrap="nowrap">
                    <Stack gap={4} flex={1}>
                      <TextInput
                        aria-label={`Holding statement ${i + 1} title`}
                        value={h.title}
                        disabled={!canManage}
                        onChange={(e) => {
                          const title = e.currentTarget.value;
                          edit((c) => ({
                            ...c,
                            holdingStatements: c.holdingStatements.map((x, j) =>
                              j === i ? { ...x, title } : x,
                            ),
                          }));
                        }}
                      />
                      <Textarea
                        aria-label={`Holding statement ${i + 1} text`}
                        autosize
                        minRows={2}
                        value={h.body}
                        disabled={!canManage}
                        onChange={(e) => {
                          const body = e.currentTarget.value;
                          edit((c) => ({
                            ...c,
                            holdingStatements: c.holdingStatements.map((x, j) =>
                              j === i ? { ...x, body } : x,
                            ),
                          }));
                        }}
                      />
                    </Stack>
                    {canManage && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove holding statement ${i + 1}`}
                        onClick={() =>
                          edit((c) => ({
                            ...c,
                            holdingStatements: c.holdingStatements.filter((_, j) => j !== i),
                          }))
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {canManage && (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    w="fit-content"
                    onClick={() =>
                      edit((c) => ({
                        ...c,
                        holdingStatements: [
                          ...c.holdingStatements,
                          { title: `Statement ${c.holdingStatements.length + 1}`, body: '' },
                        ],
                      }))
                    }
                  >
                    Add holding statement
                  </Button>
                )}
              </EditorSection>

              <EditorSection title="Checklists">
                {draft.checklists.map((list, i) => (
                  <Group key={i} align="flex-start" wrap="nowrap">
                    <Stack gap={4} flex={1}>
                      <TextInput
                        aria-label={`Checklist ${i + 1} title`}
                        value={list.title}
                        disabled={!canManage}
                        onChange={(e) => {
                          const title = e.currentTarget.value;
                          edit((c) => ({
                            ...c,
                            checklists: c.checklists.map((x, j) => (j === i ? { ...x, title } : x)),
                          }));
                        }}
                      />
                      <Textarea
                        aria-label={`Checklist ${i + 1} items`}
                        description="One item per line"
                        autosize
                        minRows={2}
                        value={list.items.join('\n')}
                        disabled={!canManage}
                        onChange={(e) => {
                          const items = e.currentTarget.value.split('\n');
                          edit((c) => ({
                            ...c,
                            checklists: c.checklists.map((x, j) => (j === i ? { ...x, items } : x)),
                          }));
                        }}
                      />
                    </Stack>
                    {canManage && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove checklist ${i + 1}`}
                        onClick={() =>
                          edit((c) => ({ ...c, checklists: c.checklists.filter((_, j) => j !== i) }))
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {canManage && (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    w="fit-content"
                    onClick={() =>
                      edit((c) => ({
                        ...c,
                        checklists: [
                          ...c.checklists,
                          { title: `Checklist ${c.checklists.length + 1}`, items: [] },
                        ],
                      }))
                    }
                  >
                    Add checklist
                  </Button>
                )}
              </EditorSection>

              {canManage && (
                <Group align="flex-end">
                  <TextInput
                    flex={1}
                    label="Why this change"
                    required
                    value={reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                  />
                  <Button
                    variant="default"
                    disabled={!dirty}
                    onClick={() => setDraft(structuredClone(playbook.data.current.content))}
                  >
                    Discard changes
                  </Button>
                  <Button
                    onClick={() => save.mutate()}
                    loading={save.isPending}
                    disabled={!reason.trim() || !dirty}
                  >
                    Save new version
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="md" component="section" aria-label="Version history">
            <Text fw={600} mb="sm">
              History
            </Text>
            <Timeline bulletSize={14} lineWidth={2}>
              {playbook.data.versions.map((v) => (
                <Timeline.Item key={v.id} title={`Version ${v.version}`}>
                  <Text size="sm">{v.reason}</Text>
                  <List size="xs" mt={2}>
                    {v.changes.map((c) => (
                      <List.Item key={c}>{c}</List.Item>
                    ))}
                  </List>
                  <Text size="xs" c="dimmed">
                    {v.changedBy} · {new Date(v.createdAt).toLocaleString()}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        </Stack>
      )}
    </>
  );
}
