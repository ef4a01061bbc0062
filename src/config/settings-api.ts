/** Settings of the API apps call: where it listens and how it checks requests. */
import { DEFAULT_PORT, WELL_KNOWN_ACCESS_KEY } from './constants.js';
import { bool, int, key, port, secret, text, url, type SettingTable } from './setting.js';

export const API_SETTINGS = {
  host: text('--host', '127.0.0.1', 'Address to bind.'),
  port: port('--port', DEFAULT_PORT, 'Port to listen on; 0 picks a free one.'),
  publicUrl: url(
    '--public-url',
    '',
    'URL apps reach the emulator at (Docker port mapping); JWT issuer and jwks_uri use it.',
  ),
  accessKey: key(
    '--access-key',
    WELL_KNOWN_ACCESS_KEY,
    'Base64 access key for HMAC auth (default: the published well-known key).',
    { shown: 'the well-known key' },
  ),
  disableAuth: bool('--disable-auth', false, 'Accept requests without checking Authorization.'),
  acceptAnyApiVersion: bool(
    '--accept-any-api-version',
    false,
    'Accept any api-version value, not only published ones.',
  ),
  authDateWindowSeconds: int(
    '--auth-date-window-seconds',
    900,
    [1, 86_400],
    'Allowed distance of x-ms-date from the clock (SDK retries reuse the date).',
  ),
  adminKey: secret(
    '--admin-key',
    'Require this key on /admin/* (Authorization: Bearer <key> or x-admin-key).',
  ),
} satisfies SettingTable;
