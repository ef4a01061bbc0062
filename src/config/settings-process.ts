/** The process around the API: settings file, logs, TLS and the ready file. */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { LOG_FORMATS, LOG_LEVELS } from './constants.js';
import { choice, list, path, type SettingTable } from './setting.js';

export const PROCESS_SETTINGS = {
  configFile: path(
    '--config',
    undefined,
    'JSON file of settings by key, e.g. {"port": 9000, "logLevel": "debug"}.',
    { inFile: false },
  ),
  logLevel: choice('--log-level', LOG_LEVELS, 'info', 'Log verbosity.'),
  logFormat: choice(
    '--log-format',
    LOG_FORMATS,
    'auto',
    'auto: readable on a terminal, JSON lines otherwise.',
  ),
  tls: choice(
    '--tls',
    ['off', 'self-signed'],
    'off',
    'self-signed: serve HTTPS with a certificate made at start (written to --tls-dir).',
  ),
  certFile: path('--cert', undefined, 'PEM certificate (chain) to serve HTTPS with; needs --key.'),
  keyFile: path('--key', undefined, 'PEM private key for --cert.'),
  tlsDir: path(
    '--tls-dir',
    resolve(tmpdir(), 'acs-call-emulator-tls'),
    'Folder for the self-signed cert.pem/key.pem; a valid pair there is reused.',
  ),
  tlsNames: list(
    '--tls-names',
    'Extra host names/IPs for the self-signed certificate (comma-separated).',
  ),
  signingKeyFile: path(
    '--signing-key-file',
    undefined,
    'PEM RSA private key that signs callbacks; made and written there when missing, so a restart keeps the JWKS.',
  ),
  readyFile: path(
    '--ready-file',
    undefined,
    'Write {"url"} here once listening (the health check reads it).',
  ),
} satisfies SettingTable;
