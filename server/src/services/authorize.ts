import type { Action } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { isAllowed } from '../domain/policy';
import { ForbiddenError } from '../errors';

/** Services check the policy again, so the CLI, jobs and any future entry point obey it too. */
export function authorize(actor: Actor, action: Action): void {
  if (!isAllowed(actor, action)) {
    throw new ForbiddenError(
      `A ${actor.role} in ${actor.department.replace('_', ' ')} may not ${action.replace('.', ' ').replace('_', ' ')}. Ask a workspace admin.`,
    );
  }
}
