import type { Command } from 'commander';
import { Department, WorkspaceRole, departments, workspaceRoles } from '../../../../contracts';
import { InvalidError } from '../../errors';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Members who sign in');
  user
    .command('create')
    .description('Add a member who can sign in at once; prints a generated password unless --password-stdin')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--department <department>', `one of ${departments.join(', ')}`)
    .option('--role <role>', `one of ${workspaceRoles.join(', ')}`, 'member')
    .option('--name <name>', 'display name (default: the part of the email before @)', '')
    .option('--workspace <slug>', 'workspace slug or id (optional when there is only one)')
    .option('--password-stdin', 'read the password (12+ characters) from standard input')
    .action(
      async (options: {
        email: string;
        department: string;
        role: string;
        name: string;
        workspace?: string;
        passwordStdin?: boolean;
      }) => {
        const { failCli, readStdinLine, withContainer } = await import('../cli-context');
        const department = Department.safeParse(options.department);
        const role = WorkspaceRole.safeParse(options.role);
        if (!department.success) {
          return failCli(
            new InvalidError(`--department: "${options.department}" is not one of ${departments.join(', ')}`),
          );
        }
        if (!role.success) {
          return failCli(
            new InvalidError(`--role: "${options.role}" is not one of ${workspaceRoles.join(', ')}`),
          );
        }
        const password = options.passwordStdin ? await readStdinLine() : undefined;
        await withContainer(async (container) => {
          const workspace = await container.services.workspaces.resolveWorkspace(options.workspace);
          const created = await container.services.workspaces.createUser({
            workspace: workspace.id,
            email: options.email,
            name: options.name,
            department: department.data,
            role: role.data,
            ...(password !== undefined ? { password } : {}),
          });
          process.stdout.write(
            `Added ${created.member.email} to "${workspace.slug}" as ${created.member.role} in ${created.member.department}.\n`,
          );
          if (created.generatedPassword) {
            process.stdout.write(`Password (shown once): ${created.generatedPassword}\n`);
          }
        });
      },
    );
}
