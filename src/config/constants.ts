/** Values other rooms and tests name directly; the settings table uses them as defaults. */

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

export type LogFormat = 'auto' | 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty'];

/** Every environment variable the emulator reads starts with this. */
export const ENV_PREFIX = 'ACS_EMULATOR_';
