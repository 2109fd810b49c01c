import {
  type CrisisRoom,
  type CrisisTask,
  type Department,
  departments,
  type TaskStatus,
  taskStatuses,
  type UpdateTaskInput,
} from '@contracts';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { upsertById } from '../../../lib/collections';
import { patchRoom } from '../crises.cache';
import { isApiError } from '../../../api/http';
import { createTask, updateTask } from '../crises.api';
import { useRoomMutation } from '../hooks/use-crises';
import { departmentLabels } from '../../../lib/labels';
import { Section } from './section';

/** A board per department: its tasks with owner, deadline, status and what each waits on. */
export function TaskBoards({
  room,
  names,
  canAct,
}: {
  room: CrisisRoom;
  names: Map<string, string>;
  canAct: boolean;
}) {
  const crisisId = room.crisis.id;
  const [title, setTitle] = useState('');
  const [department, setDepartment] = useState<Department>('pr');
  const queryClient = useQueryClient();
  const update = useRoomMutation(async (v: { taskId: string; patch: UpdateTaskInput }) => {
    const task = await updateTask(crisisId, v.taskId, v.patch);
    patchRoom(queryClient, crisisId, (r) => ({ ...r, tasks: upsertById(r.tasks, task) }));
    return task;
  });
  const create = useRoomMutation(() => createTask(crisisId, { title, department }));
  const byId = new Map(room.tasks.map((t) => [t.id, t]));
  const change = (task: CrisisTask, patch: UpdateTaskInput) =>
    update.mutate(
      { taskId: task.id, patch },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Task not changed',
            message: isApiError(error) ? error.message : String(error),
          }),
      },
    );
  const setStatus = (task: CrisisTask, status: TaskStatus) => change(task, { status });
  const people = [...names].map(([value, label]) => ({ value, label }));
  const done = room.tasks.filter((t) => t.status === 'done').length;
  return (
    <Section
      title="Tasks"
      actions={
        <Text size="sm" c="dimmed">
          {done} of {room.tasks.length} done
        </Text>
      }
    >
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {departments.map((d) => {
          const tasks = room.tasks.filter((t) => t.department === d);
          if (tasks.length === 0) return null;
          return (
            <Paper
              key={d}
              withBorder
              p="sm"
              radius="sm"
              component="section"
              aria-label={`${departmentLabels[d]} board`}
            >
              <Text fw={600} size="sm" mb={6}>
                {departmentLabels[d]}
              </Text>
              <Stack gap={8}>
                {tasks.map((t) => {
                  const waitingOn = t.dependsOn
                    .map((x) => byId.get(x))
                    .filter((x) => x && x.status !== 'done');
                  const overdue = t.status !== 'done' && t.deadline && new Date(t.deadline) < new Date();
                  return (
                    <Stack key={t.id} gap={2} data-testid="crisis-task">
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Checkbox
                          aria-label={`Done: ${t.title}`}
                          checked={t.status === 'done'}
                          disabled={!canAct || (waitingOn.length > 0 && t.status !== 'done')}
                          onChange={(e) => setStatus(t, e.currentTarget.checked ? 'done' : 'todo')}
                          mt={2}
                        />
                        <Text size="sm" td={t.status === 'done' ? 'line-through' : undefined}>
                          {t.title}
                        </Text>
                      </Group>
                      <Group gap={6} pl={28}>
                        {canAct ? (
                          <Select
                            size="xs"
                            w={100}
                            aria-label={`Status of ${t.title}`}
                            data={[...taskStatuses]}
                            value={t.status}
                            allowDeselect={false}
                            onChange={(v) => v && v !== t.status && setStatus(t, v)}
                          />
                        ) : (
                          <Badge size="xs" variant="light">
                            {t.status}
                          </Badge>
                        )}
                        {canAct ? (
                          <Select
                            size="xs"
                            w={150}
                            aria-label={`Owner of ${t.title}`}
                            placeholder="No owner"
                            data={people}
                            value={t.ownerId}
                            searchable
                            onChange={(v) => v !== t.ownerId && change(t, { ownerId: v })}
                          />
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t.ownerId ? (names.get(t.ownerId) ?? 'member') : 'no owner'}
                          </Text>
                        )}
                        {t.deadline && (
                          <Text size="xs" c="dimmed">
                            due {new Date(t.deadline).toLocaleTimeString()}
                          </Text>
                        )}
                        {overdue && (
                          <Badge size="xs" color="red">
                            overdue
                          </Badge>
                        )}
                        {t.escalatedAt && (
                          <Badge size="xs" color="red" variant="outline">
                            escalated
                          </Badge>
                        )}
                        {waitingOn.length > 0 && (
                          <Text size="xs" c="orange">
                            waits on {waitingOn.map((x) => x!.title).join(', ')}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                  );
                })}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      {canAct && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) create.mutate(undefined, { onSuccess: () => setTitle('') });
          }}
        >
          <Group mt="sm" wrap="nowrap">
            <TextInput
              flex={1}
              aria-label="New task"
              placeholder="Add a task"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <Select
              w={170}
              aria-label="Department"
              data={departments.map((d) => ({ value: d, label: departmentLabels[d] }))}
              value={department}
              allowDeselect={false}
              onChange={(v) => v && setDepartment(v)}
            />
            <Button type="submit" variant="default" loading={create.isPending}>
              Add task
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}
