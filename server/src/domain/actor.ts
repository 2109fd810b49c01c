import type { Department, WorkspaceRole } from '../../../contracts';

/** Who is acting, in which workspace, with which powers; every service call receives one. */
export interface Actor {
  kind: 'member' | 'api_token' | 'system';
  /** Member id, API token id, or null for the system. */
  id: string | null;
  /** Human-readable name recorded in the audit log (email, token name, `cli`). */
  label: string;
  workspaceId: string;
  role: WorkspaceRole;
  department: Department;
  /** Where the action came from, for the audit log. */
  requestId: string | null;
  ip: string | null;
}

/** The actor for CLI commands and jobs: full powers within one workspace, audited as `system`. */
export function systemActor(workspaceId: string, label = 'cli'): Actor {
  return {
    kind: 'system',
    id: null,
    label,
    workspaceId,
    role: 'owner',
    department: 'executive',
    requestId: null,
    ip: null,
  };
}
