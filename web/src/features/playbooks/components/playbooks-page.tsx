import { type CrisisType, crisisTypeLabels, crisisTypes, departments, type PlaybookTask } from '@contracts';
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../auth/hooks/use-session';
import { getPlaybook, playbookKeys, savePlaybook } from '../playbooks.api';

/** The playbook editor: tasks per department with deadlines after declaration; each save is a new version. */
export default function PlaybooksPage() {
  useDocumentTitle('Playbooks · Firebreak');
  const canManage = useCan('playbook.manage');
  const [type, setType] = useState<CrisisType>('offensive_ad');
  const playbook = useQuery({
    queryKey: playbookKeys.one(type),
    queryFn: ({ signal }) => getPlaybook(type, signal),
  });
  const [tasks, setTasks] = useState<PlaybookTask[]>([]);
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const version = playbook.data?.current.version;
  useEffect(() => {
    if (playbook.data) setTasks(playbook.data.current.content.tasks);
  }, [playbook.data, version]);
  const save = useMutation({
    mutationFn: () => savePlaybook(type, { content: { ...playbook.data!.current.content, tasks }, reason }),
    onSuccess: (saved) => {
      setReason('');
      notifications.show({
        color: 'teal',
        title: `Saved version ${saved.current.version}`,
        message: 'New crises of this type use it.',
      });
      void queryClient.invalidateQueries({ queryKey: playbookKeys.all });
    },
  });
  const change = (i: number, patch: Partial<PlaybookTask>) =>
    setTasks((ts) => ts.map((t, j) => (j === i ? { ...t, ...patch } : t)));

  return (
    <>
      <PageHeader
        title="Playbooks"
        description="What each type of crisis sets in motion when declared: tasks per department with deadlines after the declaration, roles, holding statements and checklists. Every save is a new version with its reason."
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
      {!playbook.data ? (
        <Skeleton h={240} />
      ) : (
        <Stack>
          <Paper withBorder radius="md" p="md">
            <Text fw={600} mb="xs">
              {playbook.data.name} · version {playbook.data.current.version}
            </Text>
            <Table aria-label="Playbook tasks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Task</Table.Th>
                  <Table.Th w={180}>Department</Table.Th>
                  <Table.Th w={150}>Due after (min)</Table.Th>
                  <Table.Th w={50} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tasks.map((t, i) => (
                  <Table.Tr key={t.key}>
                    <Table.Td>
                      <TextInput
                        aria-label={`Task ${i + 1} title`}
                        value={t.title}
                        disabled={!canManage}
                        onChange={(e) => change(i, { title: e.currentTarget.value })}
                      />
                      {t.dependsOn.length > 0 && (
                        <Text size="xs" c="dimmed">
                          after: {t.dependsOn.join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Task ${i + 1} department`}
                        data={[...departments]}
                        value={t.department}
                        disabled={!canManage}
                        allowDeselect={false}
                        onChange={(v) => v && change(i, { department: v })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`Task ${i + 1} due after minutes`}
                        min={0}
                        value={t.dueAfterMinutes}
                        disabled={!canManage}
                        onChange={(v) => change(i, { dueAfterMinutes: Number(v) || 0 })}
                      />
                    </Table.Td>
                    <Table.Td>
                      {canManage && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Remove task ${i + 1}`}
                          onClick={() =>
                            setTasks((ts) =>
                              ts
                                .filter((_, j) => j !== i)
                                .map((x) => ({ ...x, dependsOn: x.dependsOn.filter((d) => d !== t.key) })),
                            )
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
              <Stack mt="md">
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} />}
                  w="fit-content"
                  onClick={() =>
                    setTasks((ts) => [
                      ...ts,
                      {
                        key: `task-${Date.now().toString(36)}`,
                        title: 'New task',
                        description: '',
                        department: 'pr',
                        dueAfterMinutes: 60,
                        dependsOn: [],
                      },
                    ])
                  }
                >
                  Add task
                </Button>
                <Group align="flex-end">
                  <TextInput
                    flex={1}
                    label="Why this change"
                    required
                    value={reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                  />
                  <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!reason.trim()}>
                    Save new version
                  </Button>
                </Group>
              </Stack>
            )}
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Text fw={600} mb="sm">
              History
            </Text>
            <Timeline bulletSize={14} lineWidth={2}>
              {playbook.data.versions.map((v) => (
                <Timeline.Item key={v.id} title={`Version ${v.version}`}>
                  <Text size="sm">{v.reason}</Text>
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
