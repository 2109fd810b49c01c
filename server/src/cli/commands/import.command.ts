// `firebreak import FILE --brand SLUG_OR_ID`: streams a JSONL or CSV file of mentions through the ingestion
// pipeline (constant memory), with a progress line on stderr, a summary on stdout and rejected lines written to a
// file with their line number and reason. A line counts only once its batch is committed. With --server the batches
// go to a running server's API (what an embedded `firebreak serve`, which holds the data directory, needs).
import type { Command } from 'commander';

interface ImportOptions {
  brand: string;
  workspace?: string;
  format?: string;
  rejects?: string;
  batch: string;
  server?: string;
  tokenFile?: string;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import mentions from a JSONL or CSV file (see docs/listening.md#import)')
    .argument('<file>', 'the file to import (.jsonl or .csv)')
    .requiredOption(
      '--brand <slug-or-id>',
      'the brand the mentions are about (any other brand whose query matches is added)',
    )
    .option('--workspace <slug>', 'workspace slug or id (optional when there is only one)')
    .option('--format <format>', 'jsonl or csv (default: from the file extension)')
    .option(
      '--rejects <file>',
      'where rejected lines go (default: FILE.rejects.tsv, written only when a line is rejected)',
    )
    .option('--batch <n>', 'mentions per batch', '1000')
    .option(
      '--server <url>',
      "send the batches to a running Firebreak server's API (needed while `firebreak serve` holds an embedded data directory)",
    )
    .option(
      '--token-file <file>',
      'with --server: a file holding an API token of the workspace (admin, or member of Marketing or PR); "-" reads stdin',
    )
    .action(async (file: string, options: ImportOptions) => {
      const { failCli, readStdinLine, withContainer } = await import('../cli-context');
      const { InvalidError } = await import('../../errors');
      const format = (options.format ?? (/\.csv$/i.test(file) ? 'csv' : 'jsonl')).toLowerCase();
      if (format !== 'jsonl' && format !== 'csv') {
        return failCli(new InvalidError(`--format: "${format}" is not jsonl or csv`));
      }
      const batchSize = Number(options.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        return failCli(new InvalidError('--batch: a whole number from 1 to 10000'));
      }
      const run = { file, format, rejects: options.rejects, batchSize } as const;
      const { runImport, localImportTarget, serverImportTarget } = await import('./import.runner');
      if (options.server) {
        const { importBatchMax } = await import('../../../../contracts');
        if (!/^https?:\/\//.test(options.server)) {
          return failCli(
            new InvalidError('--server: give the URL of the server, e.g. http://127.0.0.1:3000'),
          );
        }
        if (!options.tokenFile) {
          return failCli(new InvalidError('--server needs --token-file (an API token)'));
        }
        if (options.workspace) {
          return failCli(
            new InvalidError("--workspace does not apply with --server: the token's workspace is used"),
          );
        }
        if (batchSize > importBatchMax) {
          return failCli(new InvalidError(`--batch: at most ${importBatchMax} with --server`));
        }
        try {
          const { readFileSync } = await import('node:fs');
          const token = (
            options.tokenFile === '-' ? await readStdinLine() : readFileSync(options.tokenFile, 'utf8')
          ).trim();
          if (!token) return failCli(new InvalidError('--token-file: the file holds no token'));
          const server = options.server;
          process.exitCode = await runImport(() => serverImportTarget(server, token, options.brand), run);
        } catch (error) {
          return failCli(error);
        }
        return;
      }
      const code = await withContainer(
        async (container) =>
          runImport(() => localImportTarget(container, options.brand, options.workspace), run),
        {
          hint: 'To import while it runs, send the file through its API: firebreak import FILE --brand BRAND --server URL --token-file FILE.',
        },
      );
      process.exitCode = code;
    });
}
