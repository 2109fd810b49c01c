import type { Command } from 'commander';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description(
      'Apply pending migrations to the configured database (PGlite data directory, or DATABASE_URL)',
    )
    .action(async () => {
      const { withContainer } = await import('../cli-context');
      await withContainer(async (container, config) => {
        const rows = await container.database.query<{ n: number }>(
          'select count(*)::int as n from drizzle.__drizzle_migrations',
        );
        const where =
          config.database.kind === 'pglite' ? `PGlite at ${config.database.dataDir}` : 'PostgreSQL';
        process.stdout.write(`Migrations up to date on ${where}: ${rows[0]?.n ?? 0} applied.\n`);
      });
    });
}
