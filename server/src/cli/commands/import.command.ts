// `firebreak import FILE --brand SLUG_OR_ID`: streams a JSONL or CSV file of mentions through the ingestion
// pipeline (constant memory), with a progress line on stderr, a summary on stdout and rejected lines written to a
// file with their line number and reason. A line counts only once its batch is committed.
import type { Command } from 'commander';

interface ImportOptions {
  brand: string;
  workspace?: string;
  format?: string;
  rejects?: string;
  batch: string;
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
    .action(async (file: string, options: ImportOptions) => {
      const { failCli, withContainer } = await import('../cli-context');
      const { InvalidError } = await import('../../errors');
      const format = (options.format ?? (/\.csv$/i.test(file) ? 'csv' : 'jsonl')).toLowerCase();
      if (format !== 'jsonl' && format !== 'csv') {
        return failCli(new InvalidError(`--format: "${format}" is not jsonl or csv`));
      }
      const batchSize = Number(options.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        return failCli(new InvalidError('--batch: a whole number from 1 to 10000'));
      }
      const code = await withContainer(async (container) => {
        const { runImport } = await import('./import.runner');
        return runImport(container, {
          file,
          format,
          brand: options.brand,
          workspace: options.workspace,
          rejects: options.rejects,
          batchSize,
        });
      });
      process.exitCode = code;
    });
}
