/** The emulator's settings as one typed object, and what describes each setting. */
import type { FaultRuleSpec } from '../faults/fault-rule.js';

export const WELL_KNOWN_ACCESS_KEY =
  'YWNzLWNhbGwtZW11bGF0b3Igd2VsbC1rbm93biBhY2Nlc3Mga2V5IC0gcHVibGlzaGVkLCBub3QgYSBzZWNyZXQ=';

export const DEFAULT_PORT = 8833;

/**
 * The `aud` of signed callbacks unless --acs-resource-id says otherwise. A real resource's
 * immutable id is a GUID; this fixed one is published in docs/callbacks.md so tests can expect it.
 */
export const DEFAULT_ACS_RESOURCE_ID = 'ac5e0000-0000-4000-8000-000000000001';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = [
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
  /** Time a webhook has to answer one Event Grid POST (IncomingCall). */
  eventGridTimeoutMs: number;
  /** Delays before each Event Grid retry, in order; the event fails after the last. */
  eventGridRetryScheduleMs: number[];
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
 * `list`: comma-separated; `hosts`: comma-separated host, host:port or *.domain entries;
 * `msList`: comma-separated whole numbers of milliseconds (in a config file, also a JSON array).
 */
export type Kind =
  | 'string'
  | 'port'
  | 'int'
  | 'bool'
  | 'key'
  | 'enum'
  | 'secret'
  | 'list'
  | 'msList'
  | 'hosts'
  | 'url'
  | 'path';

export interface Setting<K extends keyof Config = keyof Config> {
  key: K;
  flag: string;
  env: string;
  kind: Kind;
  values?: readonly string[];
  min?: number;
  max?: number;
  help: string;
}
