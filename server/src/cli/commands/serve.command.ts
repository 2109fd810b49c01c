import type { Command } from 'commander';
import type { CreatedWorkspace } from '../../services/workspace.service';

function printFirstRun(created: CreatedWorkspace, publicUrl: string): void {
  const line = '─'.repeat(64);
  process.stdout.write(
    [
      '',
      line,
      ' Firebreak first run: created workspace "' + created.workspace.name + '" and its owner.',
      '',
      `   Sign in at   ${publicUrl}/sign-in`,
      `   Email        ${created.owner.email}`,
      `   Password     ${created.generatedPassword}`,
      '',
      ' This password is shown only once. Sign in, then invite your team from Settings → Members.',
      line,
      '',
    ].join('\n') + '\n',
  );
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the web server (API, live events, web app) and the job worker')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option(
      '--roles <roles>',
      'comma-separated roles to run: web, worker (embedded PGlite needs both in one process)',
      'web,worker',
    )
    .action(async (options: { port?: string; roles: string }) => {
      // Heavy modules load on use, so `firebreak --help` and other commands start fast.
      const { failCli } = await import('../cli-context');
      try {
        const { default: pino } = await import('pino');
        const { loadConfig } = await import('../../config');
        const { createContainer } = await import('../../container');
        const { loggerOptions } = await import('../../http/server');
        const { startJobRunner } = await import('../../jobs/job-runner');
        const { startWeb } = await import('../../roles/web');
        const config = loadConfig(options.port ? { ...process.env, PORT: options.port } : process.env);
        const roles = new Set(options.roles.split(',').map((r) => r.trim()));
        for (const role of roles) {
          if (role !== 'web' && role !== 'worker') {
            throw new Error(`--roles: unknown role "${role}" (use web, worker)`);
          }
        }
        if (config.database.kind === 'pglite' && roles.size < 2) {
          throw new Error(
            '--roles: with embedded PGlite the web and worker roles must run in one process; use PostgreSQL (DATABASE_URL) to split them.',
          );
        }
        const container = await createContainer(config);
        const created = await container.services.workspaces.bootstrapIfEmpty(config.ownerEmail);
        if (created) printFirstRun(created, config.publicUrl);
        const logger = pino(loggerOptions(config.logLevel) as object);
        const app = roles.has('web') ? await startWeb(container) : undefined;
        if (roles.has('worker') && config.jobsEnabled) await startJobRunner(container, app?.log ?? logger);
        const { startSourceRunner } = await import('../../roles/source-runner');
        const sourceRunner = roles.has('worker')
          ? await startSourceRunner(container, app?.log ?? logger)
          : undefined;
        const where =
          config.database.kind === 'pglite' ? `embedded PGlite at ${config.database.dataDir}` : 'PostgreSQL';
        (app?.log ?? logger).info(`Firebreak ${config.version} ready on ${config.publicUrl} (${where})`);

        let stopping = false;
        const stop = async (signal: string) => {
          if (stopping) return;
          stopping = true;
          (app?.log ?? logger).info(`${signal}: shutting down`);
          const timer = setTimeout(() => process.exit(1), 10_000);
          await sourceRunner?.stop();
          await app?.close();
          await container.close();
          clearTimeout(timer);
          process.exit(0);
        };
        process.on('SIGINT', () => void stop('SIGINT'));
        process.on('SIGTERM', () => void stop('SIGTERM'));
      } catch (error) {
        failCli(error);
      }
    });
}
