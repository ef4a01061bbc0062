/**
 * The emulator's settings: one table that drives parsing, defaults, env twins, the JSON config
 * file and `--help`. `loadConfig(argv, env, readFile)` is pure (the file reader is passed in): it
 * returns one typed object or throws {@link ConfigError}.
 */
import { dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { checkFaultList } from './faults/fault-list.js';
import type { FaultRuleSpec } from './faults/fault-rule.js';
import { MAX_SEED } from './faults/prng.js';

export const WELL_KNOWN_ACCESS_KEY =
  'YWNzLWNhbGwtZW11bGF0b3Igd2VsbC1rbm93biBhY2Nlc3Mga2V5IC0gcHVibGlzaGVkLCBub3QgYSBzZWNyZXQ=';

export const DEFAULT_PORT = 8833;

/**
 * The `aud` of signed callbacks unless --acs-resource-id says otherwise. A real resource's
 * immutable id is a GUID; this fixed one is published in docs/callbacks.md so tests can expect it.
 */
export const DEFAULT_ACS_RESOURCE_ID = 'ac5e0000-0000-4000-8000-000000000001';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export interface Config {
  host: string;
  port: number;
  accessKey: string;
  disableAuth: boolean;
  acceptAnyApiVersion: boolean;
  authDateWindowSeconds: number;
  connectDelayMs: number;
  clock: 'system' | 'manual';
  logLevel: LogLevel;
  bodyLimitBytes: number;
  deliveryMaxAttempts: number;
  deliveryTimeoutMs: number;
  deliveryBackoffMs: number;
  eventJournalLimit: number;
  requestJournalLimit: number;
  /** When set, /admin/* requires it (Authorization: Bearer <key> or x-admin-key). */
  adminKey: string | undefined;
  /** Hosts callback URIs may point at (empty: any); `*.example.com` matches subdomains. */
  callbackAllow: string[];
  maxCalls: number;
  maxParticipants: number;
  maxPendingCallbacks: number;
  signCallbacks: boolean;
  playSourceDurationMs: number;
  sendDtmfToneMs: number;
  incomingCallTimeoutMs: number;
  incomingCallWebhook: string;
  callerToneIntervalMs: number;
  deliveryRetryWindowMs: number;
  deliveryMaxBackoffMs: number;
  shutdownGraceMs: number;
  acsResourceId: string;
  publicUrl: string;
  /** JSON file the other settings were read from (flag > env > file > default). */
  configFile?: string;
  logFormat: LogFormat;
  tls: 'off' | 'self-signed';
  /** PEM certificate and key: with both, the emulator serves HTTPS. */
  certFile?: string;
  keyFile?: string;
  /** Where `--tls self-signed` writes (and reuses) cert.pem and key.pem. */
  tlsDir: string;
  /** Extra DNS names or IPs the self-signed certificate covers (e.g. a compose service name). */
  tlsNames: string[];
  /** Written with the bound URL once listening; the Docker health check reads it. */
  readyFile?: string;
  /** Seed of the fault rules' generator (probability, delay ranges); random when unset. */
  seed?: number;
  /** JSON file with an array of fault rules, loaded at start. */
  faultsFile?: string;
  /**
   * The fault rules loaded at start: the config file's `faults`, then the --faults file's. Not a
   * setting of its own: it is what `faultsFile` and the config file hold.
   */
  faults: FaultRuleSpec[];
}

export type LogFormat = 'auto' | 'json' | 'pretty';

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/**
 * `path`: optional file path (relative ones in a config file are relative to that file);
 * `list`: comma-separated; `hosts`: comma-separated host, host:port or *.domain entries.
 */
type Kind =
  | 'string'
  | 'port'
  | 'int'
  | 'bool'
  | 'key'
  | 'enum'
  | 'secret'
  | 'list'
  | 'hosts'
  | 'url'
  | 'path';

interface Setting<K extends keyof Config = keyof Config> {
  key: K;
  flag: string;
  env: string;
  kind: Kind;
  values?: readonly string[];
  min?: number;
  max?: number;
  help: string;
}

export const DEFAULTS: Config = {
  host: '127.0.0.1',
  port: DEFAULT_PORT,
  accessKey: WELL_KNOWN_ACCESS_KEY,
  disableAuth: false,
  acceptAnyApiVersion: false,
  authDateWindowSeconds: 900,
  connectDelayMs: 100,
  clock: 'system',
  logLevel: 'info',
  bodyLimitBytes: 1024 * 1024,
  deliveryMaxAttempts: 5,
  deliveryTimeoutMs: 5000,
  deliveryBackoffMs: 100,
  eventJournalLimit: 10_000,
  requestJournalLimit: 10_000,
  adminKey: undefined,
  callbackAllow: [],
  maxCalls: 10_000,
  maxParticipants: 100,
  maxPendingCallbacks: 100_000,
  signCallbacks: true,
  playSourceDurationMs: 1000,
  sendDtmfToneMs: 100,
  incomingCallTimeoutMs: 30_000,
  incomingCallWebhook: '',
  callerToneIntervalMs: 0,
  deliveryRetryWindowMs: 60_000,
  deliveryMaxBackoffMs: 30_000,
  shutdownGraceMs: 5_000,
  acsResourceId: DEFAULT_ACS_RESOURCE_ID,
  publicUrl: '',
  configFile: undefined,
  logFormat: 'auto',
  tls: 'off',
  certFile: undefined,
  keyFile: undefined,
  tlsDir: resolve(tmpdir(), 'acs-call-emulator-tls'),
  tlsNames: [],
  readyFile: undefined,
  seed: undefined,
  faultsFile: undefined,
  faults: [],
};

export const SETTINGS: readonly Setting[] = [
  {
    key: 'host',
    flag: '--host',
    env: 'ACS_EMULATOR_HOST',
    kind: 'string',
    help: 'Address to bind.',
  },
  {
    key: 'port',
    flag: '--port',
    env: 'ACS_EMULATOR_PORT',
    kind: 'port',
    help: 'Port to listen on; 0 picks a free one.',
  },
  {
    key: 'accessKey',
    flag: '--access-key',
    env: 'ACS_EMULATOR_ACCESS_KEY',
    kind: 'key',
    help: 'Base64 access key for HMAC auth (default: the published well-known key).',
  },
  {
    key: 'disableAuth',
    flag: '--disable-auth',
    env: 'ACS_EMULATOR_DISABLE_AUTH',
    kind: 'bool',
    help: 'Accept requests without checking Authorization.',
  },
  {
    key: 'acceptAnyApiVersion',
    flag: '--accept-any-api-version',
    env: 'ACS_EMULATOR_ACCEPT_ANY_API_VERSION',
    kind: 'bool',
    help: 'Accept any api-version value, not only published ones.',
  },
  {
    key: 'authDateWindowSeconds',
    flag: '--auth-date-window-seconds',
    env: 'ACS_EMULATOR_AUTH_DATE_WINDOW_SECONDS',
    kind: 'int',
    min: 1,
    max: 86_400,
    help: 'Allowed distance of x-ms-date from the clock (SDK retries reuse the date).',
  },
  {
    key: 'connectDelayMs',
    flag: '--connect-delay-ms',
    env: 'ACS_EMULATOR_CONNECT_DELAY_MS',
    kind: 'int',
    min: 0,
    max: 600_000,
    help: 'Simulated time from createCall to CallConnected.',
  },
  {
    key: 'clock',
    flag: '--clock',
    env: 'ACS_EMULATOR_CLOCK',
    kind: 'enum',
    values: ['system', 'manual'],
    help: 'system, or manual (time moves only on POST /admin/clock/advance).',
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    env: 'ACS_EMULATOR_LOG_LEVEL',
    kind: 'enum',
    values: LOG_LEVELS,
    help: 'Log verbosity.',
  },
  {
    key: 'bodyLimitBytes',
    flag: '--body-limit-bytes',
    env: 'ACS_EMULATOR_BODY_LIMIT_BYTES',
    kind: 'int',
    min: 1024,
    max: 100 * 1024 * 1024,
    help: 'Largest accepted request body.',
  },
  {
    key: 'deliveryMaxAttempts',
    flag: '--delivery-max-attempts',
    env: 'ACS_EMULATOR_DELIVERY_MAX_ATTEMPTS',
    kind: 'int',
    min: 1,
    max: 100,
    help: 'Attempts per callback before it is marked failed.',
  },
  {
    key: 'deliveryTimeoutMs',
    flag: '--delivery-timeout-ms',
    env: 'ACS_EMULATOR_DELIVERY_TIMEOUT_MS',
    kind: 'int',
    min: 10,
    max: 600_000,
    help: 'Time a webhook has to answer one callback POST.',
  },
  {
    key: 'deliveryBackoffMs',
    flag: '--delivery-backoff-ms',
    env: 'ACS_EMULATOR_DELIVERY_BACKOFF_MS',
    kind: 'int',
    min: 0,
    max: 600_000,
    help: 'First retry delay; doubles per attempt.',
  },
  {
    key: 'eventJournalLimit',
    flag: '--event-journal-limit',
    env: 'ACS_EMULATOR_EVENT_JOURNAL_LIMIT',
    kind: 'int',
    min: 1,
    max: 10_000_000,
    help: 'Callback records kept; the oldest finished go first.',
  },
  {
    key: 'requestJournalLimit',
    flag: '--request-journal-limit',
    env: 'ACS_EMULATOR_REQUEST_JOURNAL_LIMIT',
    kind: 'int',
    min: 1,
    max: 10_000_000,
    help: 'API request records kept.',
  },
  {
    key: 'adminKey',
    flag: '--admin-key',
    env: 'ACS_EMULATOR_ADMIN_KEY',
    kind: 'secret',
    help: 'Require this key on /admin/* (Authorization: Bearer <key> or x-admin-key).',
  },
  {
    key: 'callbackAllow',
    flag: '--callback-allow',
    env: 'ACS_EMULATOR_CALLBACK_ALLOW',
    kind: 'hosts',
    help: 'Comma-separated hosts callback URIs may use (host, host:port or *.domain); empty allows any.',
  },
  {
    key: 'maxCalls',
    flag: '--max-calls',
    env: 'ACS_EMULATOR_MAX_CALLS',
    kind: 'int',
    min: 1,
    max: 10_000_000,
    help: 'Calls kept at once; ended calls are forgotten first, live ones are never dropped.',
  },
  {
    key: 'maxParticipants',
    flag: '--max-participants',
    env: 'ACS_EMULATOR_MAX_PARTICIPANTS',
    kind: 'int',
    min: 1,
    max: 10_000,
    help: 'Participants a call may have.',
  },
  {
    key: 'maxPendingCallbacks',
    flag: '--max-pending-callbacks',
    env: 'ACS_EMULATOR_MAX_PENDING_CALLBACKS',
    kind: 'int',
    min: 1,
    max: 10_000_000,
    help: 'Callbacks waiting for delivery before state-changing requests get 429.',
  },
  {
    key: 'signCallbacks',
    flag: '--sign-callbacks',
    env: 'ACS_EMULATOR_SIGN_CALLBACKS',
    kind: 'bool',
    help: 'Sign each callback with an RS256 JWT as the service does (--no-sign-callbacks for load tests).',
  },
  {
    key: 'playSourceDurationMs',
    flag: '--play-source-duration-ms',
    env: 'ACS_EMULATOR_PLAY_SOURCE_DURATION_MS',
    kind: 'int',
    min: 0,
    max: 3_600_000,
    help: 'Simulated length of each play source (play and recognize prompts).',
  },
  {
    key: 'sendDtmfToneMs',
    flag: '--send-dtmf-tone-ms',
    env: 'ACS_EMULATOR_SEND_DTMF_TONE_MS',
    kind: 'int',
    min: 0,
    max: 60_000,
    help: 'Simulated time to send one tone with sendDtmfTones.',
  },
  {
    key: 'incomingCallTimeoutMs',
    flag: '--incoming-call-timeout-ms',
    env: 'ACS_EMULATOR_INCOMING_CALL_TIMEOUT_MS',
    kind: 'int',
    min: 1,
    max: 86_400_000,
    help: 'How long an incoming call rings before its context expires.',
  },
  {
    key: 'incomingCallWebhook',
    flag: '--incoming-call-webhook',
    env: 'ACS_EMULATOR_INCOMING_CALL_WEBHOOK',
    kind: 'string',
    help: 'URL that receives IncomingCall Event Grid events (none by default).',
  },
  {
    key: 'callerToneIntervalMs',
    flag: '--caller-tone-interval-ms',
    env: 'ACS_EMULATOR_CALLER_TONE_INTERVAL_MS',
    kind: 'int',
    min: 0,
    max: 60_000,
    help: 'Default time between keys the simulated caller presses.',
  },
  {
    key: 'deliveryRetryWindowMs',
    flag: '--delivery-retry-window-ms',
    env: 'ACS_EMULATOR_DELIVERY_RETRY_WINDOW_MS',
    kind: 'int',
    min: 0,
    max: 86_400_000,
    help: 'No retry of a callback starts later than this after its first attempt.',
  },
  {
    key: 'deliveryMaxBackoffMs',
    flag: '--delivery-max-backoff-ms',
    env: 'ACS_EMULATOR_DELIVERY_MAX_BACKOFF_MS',
    kind: 'int',
    min: 0,
    max: 3_600_000,
    help: 'Longest computed retry delay (a webhook Retry-After is honoured beyond it).',
  },
  {
    key: 'shutdownGraceMs',
    flag: '--shutdown-grace-ms',
    env: 'ACS_EMULATOR_SHUTDOWN_GRACE_MS',
    kind: 'int',
    min: 0,
    max: 600_000,
    help: 'On SIGTERM/SIGINT, time to deliver pending callbacks before exiting.',
  },
  {
    key: 'acsResourceId',
    flag: '--acs-resource-id',
    env: 'ACS_EMULATOR_ACS_RESOURCE_ID',
    kind: 'string',
    help: 'ACS immutable resource id: the aud claim of the JWT on every callback.',
  },
  {
    key: 'publicUrl',
    flag: '--public-url',
    env: 'ACS_EMULATOR_PUBLIC_URL',
    kind: 'url',
    help: 'URL apps reach the emulator at (Docker port mapping); JWT issuer and jwks_uri use it.',
  },
  {
    key: 'configFile',
    flag: '--config',
    env: 'ACS_EMULATOR_CONFIG',
    kind: 'path',
    help: 'JSON file of settings by key, e.g. {"port": 9000, "logLevel": "debug"}.',
  },
  {
    key: 'logFormat',
    flag: '--log-format',
    env: 'ACS_EMULATOR_LOG_FORMAT',
    kind: 'enum',
    values: ['auto', 'json', 'pretty'],
    help: 'auto: readable on a terminal, JSON lines otherwise.',
  },
  {
    key: 'tls',
    flag: '--tls',
    env: 'ACS_EMULATOR_TLS',
    kind: 'enum',
    values: ['off', 'self-signed'],
    help: 'self-signed: serve HTTPS with a certificate made at start (written to --tls-dir).',
  },
  {
    key: 'certFile',
    flag: '--cert',
    env: 'ACS_EMULATOR_CERT',
    kind: 'path',
    help: 'PEM certificate (chain) to serve HTTPS with; needs --key.',
  },
  {
    key: 'keyFile',
    flag: '--key',
    env: 'ACS_EMULATOR_KEY',
    kind: 'path',
    help: 'PEM private key for --cert.',
  },
  {
    key: 'tlsDir',
    flag: '--tls-dir',
    env: 'ACS_EMULATOR_TLS_DIR',
    kind: 'path',
    help: 'Folder for the self-signed cert.pem/key.pem; a valid pair there is reused.',
  },
  {
    key: 'tlsNames',
    flag: '--tls-names',
    env: 'ACS_EMULATOR_TLS_NAMES',
    kind: 'list',
    help: 'Extra host names/IPs for the self-signed certificate (comma-separated).',
  },
  {
    key: 'readyFile',
    flag: '--ready-file',
    env: 'ACS_EMULATOR_READY_FILE',
    kind: 'path',
    help: 'Write {"url"} here once listening (the health check reads it).',
  },
  {
    key: 'seed',
    flag: '--seed',
    env: 'ACS_EMULATOR_SEED',
    kind: 'int',
    min: 0,
    max: MAX_SEED,
    help: 'Seed for fault-rule probability and delay ranges: the same seed replays the same run (random when unset).',
  },
  {
    key: 'faultsFile',
    flag: '--faults',
    env: 'ACS_EMULATOR_FAULTS',
    kind: 'path',
    help: 'JSON file holding an array of fault rules to load at start (docs/faults.md).',
  },
];

const BOOL_VALUES: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  on: true,
  false: false,
  '0': false,
  no: false,
  off: false,
};

function parseValue(setting: Setting, raw: string, source: string): Config[keyof Config] {
  const where = `${source} ${setting.kind === 'bool' ? '' : `'${raw}'`}`.trim();
  switch (setting.kind) {
    case 'string':
    case 'path':
      // An empty value is allowed only where empty is the default ("none").
      if (raw.length === 0 && DEFAULTS[setting.key] !== '')
        throw new ConfigError(setting.flag, `${source} must not be empty`);
      return raw;
    case 'secret':
      if (raw.length < 8)
        throw new ConfigError(setting.flag, `${source} must be at least 8 characters`);
      return raw;
    case 'hosts': {
      if (raw.trim() === '') return [];
      const items = raw.split(',').map((item) => item.trim().toLowerCase());
      const bad = items.find(
        (item) => !/^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(item),
      );
      if (bad !== undefined)
        throw new ConfigError(
          setting.flag,
          `${source} has '${bad}', which is not a host, host:port or *.domain`,
        );
      return items;
    }
    case 'list': {
      if (raw.trim() === '') return [];
      const items = raw.split(',').map((item) => item.trim());
      if (items.some((item) => item.length === 0 || /\s/.test(item)))
        throw new ConfigError(setting.flag, `${where} is not a comma-separated list of names`);
      return items;
    }
    case 'bool': {
      const value = BOOL_VALUES[raw.toLowerCase()];
      if (value === undefined)
        throw new ConfigError(setting.flag, `${source} '${raw}' is not a boolean (true/false)`);
      return value;
    }
    case 'port':
    case 'int': {
      const min = setting.kind === 'port' ? 0 : (setting.min ?? 0);
      const max = setting.kind === 'port' ? 65_535 : (setting.max ?? Number.MAX_SAFE_INTEGER);
      if (!/^\d+$/.test(raw)) throw new ConfigError(setting.flag, `${where} is not a whole number`);
      const value = Number(raw);
      if (value < min || value > max)
        throw new ConfigError(setting.flag, `${where} is out of range ${min}..${max}`);
      return value;
    }
    case 'key': {
      const bytes = Buffer.from(raw, 'base64');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || bytes.length < 16) {
        throw new ConfigError(setting.flag, `${source} is not a base64 key of at least 16 bytes`);
      }
      return raw;
    }
    case 'url': {
      if (raw === '' && DEFAULTS[setting.key] === '') return '';
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
        throw new ConfigError(setting.flag, `${where} is not an http(s) URL without query`);
      return raw.replace(/\/+$/, '');
    }
    case 'enum':
      if (!setting.values?.includes(raw)) {
        throw new ConfigError(setting.flag, `${where} is not one of ${setting.values?.join(', ')}`);
      }
      return raw;
  }
}

function assign(config: Config, setting: Setting, value: Config[keyof Config]): void {
  (config as unknown as Record<string, unknown>)[setting.key] = value;
}

/** Reads a config file's text; throws (any error) when it cannot. Only the CLI touches the disk. */
export type ReadConfigFile = (path: string) => string;

type Parsed = [Setting, Config[keyof Config]];

const CONFIG_SETTING = 'configFile';

/** The config file's `faults` key: inline fault rules, not a flag or env setting. */
const INLINE_FAULTS: Setting = {
  key: 'faults',
  flag: '--config',
  env: '',
  kind: 'path',
  help: 'fault rules in the config file',
};

/** Checked fault rules from `value`, or a ConfigError naming `setting`, `where` and the field. */
function faultRules(value: unknown, setting: string, where: string): FaultRuleSpec[] {
  const check = checkFaultList(value);
  if (check.ok) return check.rules;
  throw new ConfigError(setting, `${where}: ${check.problem.message}`);
}

/** Reads and checks the --faults file. */
function readFaultsFile(path: string, readFile: ReadConfigFile | undefined): FaultRuleSpec[] {
  let text: string;
  try {
    if (!readFile) throw new Error('no file reader was given to loadConfig');
    text = readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError('--faults', `${path} cannot be read (${code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('--faults', `${path} is not valid JSON: ${(err as Error).message}`);
  }
  return faultRules(data, '--faults', path);
}

/** Flags in order, with values parsed; unknown flags and missing values throw. */
function parseArgv(argv: readonly string[]): Parsed[] {
  const byFlag = new Map(SETTINGS.map((s) => [s.flag, s]));
  const parsed: Parsed[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const noPrefix = flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined;
    if (noPrefix?.kind === 'bool' && eq < 0) {
      parsed.push([noPrefix, false]);
      continue;
    }
    const setting = byFlag.get(flag);
    if (!setting) throw new ConfigError(flag, 'unknown option (see --help)');
    let raw: string;
    if (eq > 0) raw = arg.slice(eq + 1);
    else if (setting.kind === 'bool') raw = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new ConfigError(flag, 'needs a value');
      raw = next;
      i++;
    }
    parsed.push([setting, parseValue(setting, raw, flag)]);
  }
  return parsed;
}

function parseEnv(env: Readonly<Record<string, string | undefined>>): Parsed[] {
  const parsed: Parsed[] = [];
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    if (raw !== undefined && raw !== '')
      parsed.push([setting, parseValue(setting, raw, setting.env)]);
  }
  return parsed;
}

/** The config file's settings: JSON object keyed like {@link Config}; every key must be known. */
function parseFile(path: string, readFile: ReadConfigFile | undefined): Parsed[] {
  const fail = (problem: string) => new ConfigError('--config', `${path} ${problem}`);
  let text: string;
  try {
    if (!readFile) throw new Error('no file reader was given to loadConfig');
    text = readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(`cannot be read (${code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw fail(`is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw fail('must hold a JSON object of settings, e.g. {"port": 9000}');
  const byKey = new Map(SETTINGS.map((s) => [s.key as string, s]));
  const parsed: Parsed[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === '$schema') continue;
    if (key === 'faults') {
      parsed.push([INLINE_FAULTS, faultRules(value, '--config', `${path} faults`)]);
      continue;
    }
    const setting = byKey.get(key);
    if (!setting || key === CONFIG_SETTING)
      throw fail(`has unknown key '${key}' (keys are the settings' names, e.g. port, logLevel)`);
    const source = `'${key}' in ${path}`;
    let raw: string;
    if (
      Array.isArray(value) &&
      (setting.kind === 'list' || setting.kind === 'hosts') &&
      value.every((v) => typeof v === 'string')
    )
      raw = value.join(',');
    else if (['string', 'number', 'boolean'].includes(typeof value)) raw = String(value);
    else throw new ConfigError(setting.flag, `${source} must be a string, number or boolean`);
    let typed = parseValue(setting, raw, source);
    if (setting.kind === 'path') typed = resolve(dirname(path), typed as string);
    parsed.push([setting, typed]);
  }
  return parsed;
}

/** Settings that only make sense together. */
function checkCombinations(config: Config): void {
  if (config.certFile !== undefined && config.keyFile === undefined)
    throw new ConfigError('--key', 'is required with --cert (the PEM private key)');
  if (config.keyFile !== undefined && config.certFile === undefined)
    throw new ConfigError('--cert', 'is required with --key (the PEM certificate)');
  if (config.tls === 'self-signed' && config.certFile !== undefined)
    throw new ConfigError('--tls', "'self-signed' cannot be combined with --cert/--key");
}

/**
 * Builds the config: defaults, then the JSON file (`--config` or its env twin), then the
 * environment, then flags (flags win). `readFile` is only called for a config file.
 */
export function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  readFile?: ReadConfigFile,
): Config {
  const flags = parseArgv(argv);
  const fromEnv = parseEnv(env);
  const configPath = [...flags, ...fromEnv].find(([s]) => s.key === CONFIG_SETTING)?.[1];
  const fromFile = typeof configPath === 'string' ? parseFile(configPath, readFile) : [];
  const config: Config = { ...DEFAULTS };
  for (const [setting, value] of [...fromFile, ...fromEnv, ...flags])
    assign(config, setting, value);
  checkCombinations(config);
  if (config.faultsFile !== undefined)
    config.faults = [...config.faults, ...readFaultsFile(config.faultsFile, readFile)];
  return config;
}

/** Connection string for clients; a custom (secret) key is masked unless `reveal`. */
export function connectionString(
  endpoint: string,
  config: Pick<Config, 'accessKey'>,
  reveal = false,
): string {
  const key =
    reveal || config.accessKey === WELL_KNOWN_ACCESS_KEY
      ? config.accessKey
      : `${config.accessKey.slice(0, 4)}…(custom key hidden)`;
  return `endpoint=${endpoint};accesskey=${key}`;
}
