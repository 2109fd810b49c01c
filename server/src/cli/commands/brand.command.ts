import type { Command } from 'commander';
import { Platform, platforms } from '../../../../contracts';
import { systemActor } from '../../domain/actor';
import { InvalidError } from '../../errors';

/** Gathers a repeatable option's values. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function parseHandles(values: string[]): Record<string, string[]> {
  const handles: Record<string, string[]> = {};
  for (const value of values) {
    const [platform, handle] = value.split('=', 2);
    const parsed = Platform.safeParse(platform);
    if (!parsed.success || !handle) {
      throw new InvalidError(
        `--handle: "${value}" should be PLATFORM=HANDLE with PLATFORM one of ${platforms.join(', ')}`,
      );
    }
    (handles[parsed.data] ??= []).push(handle);
  }
  return handles;
}

export function registerBrandCommands(program: Command): void {
  const brand = program.command('brand').description('Brands the workspace monitors');
  brand
    .command('create')
    .description('Create a brand')
    .requiredOption('--name <name>', 'brand name')
    .option('--keyword <keyword>', 'a keyword to listen for (repeatable)', collect, [])
    .option('--handle <platform=handle>', 'an account of the brand, e.g. x=@acme (repeatable)', collect, [])
    .option('--workspace <slug>', 'workspace slug or id (optional when there is only one)')
    .action(async (options: { name: string; keyword: string[]; handle: string[]; workspace?: string }) => {
      const { failCli, withContainer } = await import('../cli-context');
      let handles: Record<string, string[]> = {};
      try {
        handles = parseHandles(options.handle);
      } catch (error) {
        return failCli(error);
      }
      await withContainer(async (container) => {
        const workspace = await container.services.workspaces.resolveWorkspace(options.workspace);
        const created = await container.services.brands.create(systemActor(workspace.id), {
          name: options.name,
          keywords: options.keyword,
          handles,
        });
        process.stdout.write(`Created brand "${created.name}" (id ${created.id}) in "${workspace.slug}".\n`);
      });
    });
  brand
    .command('list')
    .description('List brands')
    .option('--workspace <slug>', 'workspace slug or id (optional when there is only one)')
    .option('--archived', 'include archived brands')
    .action(async (options: { workspace?: string; archived?: boolean }) => {
      const { withContainer } = await import('../cli-context');
      await withContainer(async (container) => {
        const workspace = await container.services.workspaces.resolveWorkspace(options.workspace);
        for (const b of await container.services.brands.list(
          systemActor(workspace.id),
          options.archived ?? false,
        )) {
          process.stdout.write(
            `${b.id}\t${b.name}\t${b.keywords.join(', ')}${b.archivedAt ? '\t(archived)' : ''}\n`,
          );
        }
      });
    });
}
