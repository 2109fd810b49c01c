// The `firebreak` command line: parses arguments and hands each command to its module in commands/.
// Commands that touch the database build the container themselves, so `--help` stays instant.
import { Command } from 'commander';
import { registerBrandCommands } from './commands/brand.command';
import { registerDbCommands } from './commands/db.command';
import { registerDetectCommand } from './commands/detect.command';
import { registerImportCommand } from './commands/import.command';
import { registerSentimentCommands } from './commands/sentiment.command';
import { registerServeCommand } from './commands/serve.command';
import { registerUserCommands } from './commands/user.command';
import { registerWorkspaceCommands } from './commands/workspace.command';

const program = new Command();
program
  .name('firebreak')
  .description('Firebreak: crisis management for social media advertising teams')
  .enablePositionalOptions()
  .showHelpAfterError('(run with --help for usage)');

// Command registrations (one line each; keep alphabetical).
registerBrandCommands(program);
registerDbCommands(program);
registerDetectCommand(program);
registerImportCommand(program);
registerSentimentCommands(program);
registerServeCommand(program);
registerUserCommands(program);
registerWorkspaceCommands(program);

await program.parseAsync(process.argv);
