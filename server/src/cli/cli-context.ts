import { type Config, ConfigError, loadConfig } from '../config';
import { type Container, createContainer } from '../container';
import { DatabaseLockedError } from '../db/database';
import { AppError } from '../errors';

/** Prints an operational error the way a person can act on it, and exits non-zero. */
export function failCli(error: unknown, hints: { locked?: string } = {}): never {
  if (error instanceof DatabaseLockedError && hints.locked) {
    process.stderr.write(`firebreak: ${error.message}\n${hints.locked}\n`);
  } else if (
    error instanceof AppError ||
    error instanceof ConfigError ||
    error instanceof DatabaseLockedError
  ) {
    process.stderr.write(`firebreak: ${error.message}\n`);
  } else if (error instanceof Error && error.name === 'ZodError') {
    process.stderr.write(`firebreak: ${error.message}\n`);
  } else {
    process.stderr.write(
      `firebreak: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}

/** Opens the configured database (migrating it), runs `work`, and always closes it. */
export async function withContainer<T>(
  work: (container: Container, config: Config) => Promise<T>,
  options: { hint?: string } = {},
): Promise<T> {
  let container: Container | undefined;
  try {
    const config = loadConfig();
    container = await createContainer(config);
    const result = await work(container, config);
    await container.close();
    return result;
  } catch (error) {
    await container?.close().catch(() => {});
    return failCli(error, options.hint ? { locked: options.hint } : {});
  }
}

export async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
