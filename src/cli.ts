#!/usr/bin/env node
/** The command line: the only reader of argv and the environment. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  ConfigError,
  DEFAULTS,
  SETTINGS,
  connectionString,
  loadConfig,
  type Config,
} from './config.js';
import { probeHealth, probeUrl, readyFileText } from './health-probe.js';

const readText = (path: string): string => readFileSync(path, 'utf8');

function shownDefault(key: keyof Config): string {
  if (key === 'accessKey') return '(well-known key)';
  const value = DEFAULTS[key];
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return '(none)';
  return String(value);
}

function help(): string {
  const rows = SETTINGS.map((s) => {
    const value = s.kind === 'bool' ? '' : s.kind === 'path' ? ' <file>' : ' <value>';
    return `  ${`${s.flag}${value}`.padEnd(34)} ${s.help}\n  ${''.padEnd(34)} env ${s.env}, default ${shownDefault(s.key)}`;
  });
  return [
    'Usage: acs-call-emulator [options]',
    '       acs-call-emulator healthcheck [options]   exit 0 when GET /health answers ok, else 1',
    '',
    'Options (flag > env > --config file > default; a config file uses the keys of',
    'README.md#configuration, e.g. {"port": 9000, "logLevel": "debug"}):',
    ...rows,
    '  --help',
    '',
  ].join('\n');
}

function configFrom(argv: readonly string[]): Config {
  try {
    return loadConfig(argv, process.env, readText);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`acs-call-emulator: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** `healthcheck`: what the Docker HEALTHCHECK runs; 0 healthy, 1 not (Docker reserves 2). */
async function healthcheck(argv: readonly string[]): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(argv, process.env, readText);
  } catch (err) {
    process.stderr.write(`acs-call-emulator healthcheck: ${(err as Error).message}\n`);
    return 1;
  }
  let readyText: string | undefined;
  try {
    readyText = config.readyFile === undefined ? undefined : readText(config.readyFile);
  } catch {
    readyText = undefined;
  }
  const result = await probeHealth(probeUrl(config, readyText), 3_000);
  (result.ok ? process.stdout : process.stderr).write(
    `acs-call-emulator healthcheck: ${result.ok ? 'healthy' : 'unhealthy'}: ${result.detail}\n`,
  );
  return result.ok ? 0 : 1;
}

async function serve(argv: readonly string[]): Promise<void> {
  const config = configFrom(argv);
  // Loaded here, not at the top, so `healthcheck` stays quick to start.
  const { createEmulator } = await import('./emulator.js');
  const { createLogger } = await import('./logger.js');
  const pretty =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  const logger = createLogger(config.logLevel, { format: pretty ? 'pretty' : 'json' });
  const emulator = createEmulator(config, { logger });
  const { url, port, certFile } = await emulator.start();
  if (config.readyFile !== undefined) {
    try {
      writeFileSync(config.readyFile, readyFileText({ url, port, pid: process.pid, certFile }));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ConfigError('--ready-file', `cannot write ${config.readyFile} (${code})`);
    }
  }
  // Before the ready line: a signal sent as soon as it appears must stop cleanly, not kill.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    if (config.readyFile !== undefined) rmSync(config.readyFile, { force: true });
    // Log lines are written asynchronously: flush them before the process goes.
    void emulator.stop().then(() => logger.flush(() => process.exit(0)));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const shown = connectionString(url, config);
  const trust = certFile ? ` - trust the certificate ${certFile}` : '';
  // The ready line shows even at --log-level warn or error (only `silent` hides it): it is how
  // people and tools learn the address and the connection string.
  const announce = config.logLevel === 'silent' ? logger : logger.child({}, { level: 'info' });
  announce.info(
    { url, port, connectionString: shown, ...(certFile ? { certFile } : {}) },
    `ACS Call Emulator listening on ${url} - connection string: ${shown}${trust}`,
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help());
    return;
  }
  if (argv[0] === 'healthcheck') {
    process.exitCode = await healthcheck(argv.slice(1));
    return;
  }
  await serve(argv);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    // A setting that only fails when used (an unreadable --cert, an unwritable --tls-dir).
    process.stderr.write(`acs-call-emulator: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`acs-call-emulator: failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
