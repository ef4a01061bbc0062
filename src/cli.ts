#!/usr/bin/env node
/** The command line: the only reader of argv and the environment. */
import { ConfigError, DEFAULTS, SETTINGS, connectionString, loadConfig } from './config.js';
import { createEmulator } from './emulator.js';

function help(): string {
  const rows = SETTINGS.map((s) => {
    const value = s.kind === 'bool' ? '' : ' <value>';
    const fallback =
      s.key === 'accessKey' ? '(well-known key)' : String(DEFAULTS[s.key]) || '(none)';
    return `  ${`${s.flag}${value}`.padEnd(34)} ${s.help}\n  ${''.padEnd(34)} env ${s.env}, default ${fallback}`;
  });
  return [
    'Usage: acs-call-emulator [options]',
    '',
    'Options (flag > env > default):',
    ...rows,
    '  --help',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help());
    return;
  }
  let config;
  try {
    config = loadConfig(argv, process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`acs-call-emulator: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const emulator = createEmulator(config);
  const { url, port } = await emulator.start();
  emulator.logger.info(
    { url, port, connectionString: connectionString(url, config) },
    `ACS Call Emulator listening on ${url} - connection string: ${connectionString(url, config)}`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    emulator.logger.info({ signal }, 'stopping');
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`acs-call-emulator: failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
