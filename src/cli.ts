#!/usr/bin/env node
/** The command line: the only reader of argv and the environment. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  connectionString,
  helpText,
  listenError,
  loadConfig,
  unknownEnvWarnings,
  type Config,
} from './config.js';
import { probeHealth, probeUrl, readyFileText } from './health-probe.js';

const readText = (path: string): string => readFileSync(path, 'utf8');

/** The package root: one level above this file, in src/ (tsx) and in dist/ alike. */
const ROOT = new URL('../', import.meta.url);

function version(): string {
  const pkg = JSON.parse(readText(fileURLToPath(new URL('package.json', ROOT)))) as {
    version: string;
  };
  return pkg.version;
}

/** What to do next, for the end of the ready line: SDK options, the dashboard, the docs. */
function nextSteps(url: string, certFile: string | undefined): string {
  const readme = fileURLToPath(new URL('README.md', ROOT));
  // The Docker image carries no README: point at the published one.
  const where = existsSync(readme) ? readme : 'https://www.npmjs.com/package/acs-call-emulator';
  const docs = `dashboard: ${url}, docs: ${where}, settings: acs-call-emulator --help`;
  if (certFile)
    return `trust the certificate ${certFile} (NODE_EXTRA_CA_CERTS=${certFile}) - ${docs}`;
  if (url.startsWith('http:'))
    return `JavaScript SDK over http: new CallAutomationClient(connectionString, { allowInsecureConnection: true }) - ${docs}`;
  return docs;
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
  for (const warning of unknownEnvWarnings(process.env))
    process.stderr.write(`acs-call-emulator: warning: ${warning}\n`);
  // Loaded here, not at the top, so `healthcheck` stays quick to start.
  const { createEmulator } = await import('./emulator.js');
  const { createLogger } = await import('./logger.js');
  const pretty =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  const logger = createLogger(config.logLevel, { format: pretty ? 'pretty' : 'json' });
  const emulator = createEmulator(config, { logger });
  const { url, port, certFile } = await emulator.start().catch((err: unknown) => {
    throw listenError(err, config) ?? err;
  });
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
    if (stopping) {
      // A second signal: stop waiting for callbacks; what is left is reported as undelivered.
      logger.warn({ signal }, 'second signal: not waiting for pending callbacks any longer');
      emulator.delivery.cutShort();
      return;
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    if (config.readyFile !== undefined) rmSync(config.readyFile, { force: true });
    // Log lines are written asynchronously: flush them before the process goes. Undelivered
    // callbacks make the exit code 1, so a script or CI notices (the log line says how many).
    void emulator
      .stop()
      .then(({ undelivered }) => logger.flush(() => process.exit(undelivered > 0 ? 1 : 0)));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const shown = connectionString(url, config);
  // The ready line shows even at --log-level warn or error (only `silent` hides it): it is how
  // people and tools learn the address and the connection string.
  const announce = config.logLevel === 'silent' ? logger : logger.child({}, { level: 'info' });
  announce.info(
    { url, port, connectionString: shown, ...(certFile ? { certFile } : {}) },
    `ACS Call Emulator listening on ${url} - connection string: ${shown} - ${nextSteps(url, certFile)}`,
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpText());
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${version()}\n`);
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
    // A setting that only fails when used (an unreadable --cert, a port in use).
    process.stderr.write(`acs-call-emulator: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`acs-call-emulator: failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
