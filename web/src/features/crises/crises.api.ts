import type {
  AssignRoleInput,
  Crisis,
  CrisisMessage,
  CrisisRoom,
  CrisisStatus,
  CrisisTask,
  Decision,
  DeclareCrisisInput,
  FactItem,
  RoleAssignment,
  Severity,
  Sitrep,
  TimelineEntry,
  UpdateTaskInput,
} from '@contracts';
import { http } from '../../api/http';

export const crisisKeys = {
  all: ['crises'] as const,
  list: ['crises', 'list'] as const,
  room: (id: string) => ['crises', 'room', id] as const,
};

const base = (id: string) => `/api/crises/${encodeURIComponent(id)}`;

export const listCrises = (signal?: AbortSignal) => http.get<{ crises: Crisis[] }>('/api/crises', { signal });
export const getRoom = (id: string, signal?: AbortSignal) => http.get<CrisisRoom>(base(id), { signal });
export const declareCrisis = (input: DeclareCrisisInput) => http.post<Crisis>('/api/crises', input);
export const changeStatus = (id: string, status: CrisisStatus) =>
  http.post<Crisis>(`${base(id)}/status`, { status });
export const changeSeverity = (id: string, severity: Severity) =>
  http.post<Crisis>(`${base(id)}/severity`, { severity });
export const assignRole = (id: string, input: AssignRoleInput) =>
  http.post<{ roles: RoleAssignment[] }>(`${base(id)}/roles`, input);
export const endRole = (id: string, assignmentId: string) =>
  http.delete<{ roles: RoleAssignment[] }>(`${base(id)}/roles/${encodeURIComponent(assignmentId)}`);
export const postMessage = (id: string, body: string) =>
  http.post<CrisisMessage>(`${base(id)}/messages`, { body });
export const addNote = (id: string, text: string) => http.post<TimelineEntry>(`${base(id)}/notes`, { text });
export const recordDecision = (id: string, input: { decision: string; rationale: string }) =>
  http.post<Decision>(`${base(id)}/decisions`, input);
export const addFact = (id: string, input: { kind: 'known' | 'unknown'; text: string }) =>
  http.post<{ facts: FactItem[] }>(`${base(id)}/facts`, input);
export const removeFact = (id: string, factId: string) =>
  http.delete<{ facts: FactItem[] }>(`${base(id)}/facts/${encodeURIComponent(factId)}`);
export const updateTask = (id: string, taskId: string, input: UpdateTaskInput) =>
  http.patch<CrisisTask>(`${base(id)}/tasks/${encodeURIComponent(taskId)}`, input);
export const createTask = (
  id: string,
  input: { title: string; department: CrisisTask['department']; deadline?: string | null },
) => http.post<CrisisTask>(`${base(id)}/tasks`, input);
export const fileSitrep = (id: string, input: { situation: string; actions: string; needs: string }) =>
  http.post<Sitrep>(`${base(id)}/sitreps`, input);
