// Folds war-room live events (and our own mutation answers) into the cached crisis list and rooms.
import type { Crisis, CrisisRoom, EventMap, SessionInfo } from '@contracts';
import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { sessionKey } from '../auth/auth.api';
import { upsertById } from '../../lib/collections';
import { crisisKeys } from './crises.api';

export function upsertCrisisInCache(queryClient: QueryClient, crisis: Crisis): void {
  queryClient.setQueryData<{ crises: Crisis[] }>(crisisKeys.list, (data) =>
    data
      ? { crises: upsertById(data.crises, crisis).sort((a, b) => b.declaredAt.localeCompare(a.declaredAt)) }
      : data,
  );
  patchRoom(queryClient, crisis.id, (room) => ({ ...room, crisis }));
}

export function patchRoom(
  queryClient: QueryClient,
  crisisId: string,
  patch: (room: CrisisRoom) => CrisisRoom,
): void {
  queryClient.setQueryData<CrisisRoom>(crisisKeys.room(crisisId), (room) => (room ? patch(room) : room));
}

type Handlers = {
  [
    N in keyof EventMap as N extends `crisis.${string}` | 'playbook.updated' | 'on_call.updated' ? N : never
  ]: (payload: EventMap[N], queryClient: QueryClient) => void;
};

export const crisisLiveEventHandlers: Handlers = {
  'crisis.declared': (crisis, qc) => upsertCrisisInCache(qc, crisis),
  'crisis.updated': (crisis, qc) => upsertCrisisInCache(qc, crisis),
  'crisis.roles.updated': ({ crisisId, roles }, qc) => {
    patchRoom(qc, crisisId, (room) => ({ ...room, roles }));
    // Roles decide what the reader may do here: ask the server again.
    void qc.invalidateQueries({ queryKey: crisisKeys.room(crisisId) });
  },
  'crisis.message.posted': (message, qc) =>
    patchRoom(qc, message.crisisId, (room) => ({ ...room, messages: upsertById(room.messages, message) })),
  'crisis.timeline.appended': (entry, qc) =>
    patchRoom(qc, entry.crisisId, (room) => ({ ...room, timeline: upsertById(room.timeline, entry) })),
  'crisis.task.updated': (task, qc) =>
    patchRoom(qc, task.crisisId, (room) => ({ ...room, tasks: upsertById(room.tasks, task) })),
  'crisis.decision.recorded': (decision, qc) =>
    patchRoom(qc, decision.crisisId, (room) => ({
      ...room,
      decisions: upsertById(room.decisions, decision),
    })),
  'crisis.fact.updated': ({ crisisId, facts }, qc) => patchRoom(qc, crisisId, (room) => ({ ...room, facts })),
  'crisis.sitrep.filed': (sitrep, qc) =>
    patchRoom(qc, sitrep.crisisId, (room) => ({ ...room, sitreps: upsertById(room.sitreps, sitrep) })),
  'crisis.notification': (note, qc) => {
    const session = qc.getQueryData<SessionInfo | null>(sessionKey);
    if (session?.member.id !== note.memberId) return;
    const look = {
      task_overdue: { color: 'red', title: 'Overdue task escalated to you', autoClose: false },
      sitrep_due: { color: 'orange', title: 'Situation report due', autoClose: false },
      mention: { color: 'blue', title: 'You were mentioned in a crisis room', autoClose: 10_000 },
    }[note.kind];
    notifications.show({
      color: look.color,
      title: look.title,
      message: note.message,
      autoClose: look.autoClose,
    });
  },
  'playbook.updated': (_playbook, qc) => void qc.invalidateQueries({ queryKey: ['playbooks'] }),
  'on_call.updated': (_payload, qc) => void qc.invalidateQueries({ queryKey: ['on-call'] }),
};
