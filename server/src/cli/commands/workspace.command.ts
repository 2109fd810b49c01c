import type { Command } from 'commander';

export function registerWorkspaceCommands(program: Command): void {
  const workspace = program.command('workspace').description('Workspaces (tenants)');
  workspace
    .command('create')
    .description(
      "Create a workspace and its owner; prints the owner's generated password unless --password-stdin",
    )
    .requiredOption('--name <name>', 'workspace name, e.g. "Acme Corp"')
    .requiredOption('--owner-email <email>', "the owner's sign-in email")
    .option('--owner-name <name>', "the owner's display name")
    .option('--password-stdin', "read the owner's password (12+ characters) from standard input")
    .action(
      async (options: { name: string; ownerEmail: string; ownerName?: string; passwordStdin?: boolean }) => {
        const { readStdinLine, withContainer } = await import('../cli-context');
        const password = options.passwordStdin ? await readStdinLine() : undefined;
        await withContainer(async (container) => {
          const created = await container.services.workspaces.createWorkspace({
            name: options.name,
            ownerEmail: options.ownerEmail,
            ...(options.ownerName ? { ownerName: options.ownerName } : {}),
            ...(password !== undefined ? { ownerPassword: password } : {}),
          });
          process.stdout.write(
            `Created workspace "${created.workspace.name}" (slug ${created.workspace.slug}, id ${created.workspace.id}).\n`,
          );
          process.stdout.write(`Owner: ${created.owner.email}\n`);
          if (created.generatedPassword) {
            process.stdout.write(`Password (shown once): ${created.generatedPassword}\n`);
          }
        });
      },
    );
  workspace
    .command('list')
    .description('List workspaces')
    .action(async () => {
      const { withContainer } = await import('../cli-context');
      await withContainer(async (container) => {
        for (const w of await container.repositories.identity.listWorkspaces()) {
          process.stdout.write(`${w.slug}\t${w.name}\t${w.id}\n`);
        }
      });
    });
}
