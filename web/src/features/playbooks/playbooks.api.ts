import type { CrisisType, Playbook, PlaybookVersion, SavePlaybookInput } from '@contracts';
import { http } from '../../api/http';

export const playbookKeys = {
  all: ['playbooks'] as const,
  list: ['playbooks', 'list'] as const,
  one: (type: CrisisType) => ['playbooks', 'one', type] as const,
};

export const listPlaybooks = (signal?: AbortSignal) =>
  http.get<{ playbooks: Playbook[] }>('/api/playbooks', { signal });
export const getPlaybook = (type: CrisisType, signal?: AbortSignal) =>
  http.get<Playbook & { versions: PlaybookVersion[] }>(`/api/playbooks/${type}`, { signal });
export const savePlaybook = (type: CrisisType, input: SavePlaybookInput) =>
  http.post<Playbook>(`/api/playbooks/${type}/versions`, input);
