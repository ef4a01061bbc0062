/** How callbacks are delivered, signed and allowed. */
import { DEFAULT_ACS_RESOURCE_ID } from './constants.js';
import { bool, hosts, int, msList, text, url, type SettingTable } from './setting.js';

export const CALLBACK_SETTINGS = {
  deliveryMaxAttempts: int(
    '--delivery-max-attempts',
    10,
    [1, 100],
    // Long enough (about 30 to 60 s with the backoff below) for a webhook app to restart.
    'Attempts per callback before it is marked failed (POST /admin/events/{id}/redeliver sends it again).',
  ),
  deliveryTimeoutMs: int(
    '--delivery-timeout-ms',
    5000,
    [10, 600_000],
    'Time a webhook has to answer one callback POST.',
  ),
  deliveryBackoffMs: int(
    '--delivery-backoff-ms',
    500,
    [0, 600_000],
    'First retry delay; doubles per attempt.',
  ),
  deliveryRetryWindowMs: int(
    '--delivery-retry-window-ms',
    60_000,
    [0, 86_400_000],
    'No retry of a callback starts later than this after its first attempt.',
  ),
  deliveryMaxBackoffMs: int(
    '--delivery-max-backoff-ms',
    30_000,
    [0, 3_600_000],
    'Longest computed retry delay (a webhook Retry-After is honoured beyond it).',
  ),
  eventGridTimeoutMs: int(
    '--event-grid-timeout-ms',
    30_000,
    [10, 600_000],
    'Time a webhook has to answer one Event Grid POST (IncomingCall).',
  ),
  eventGridRetryScheduleMs: msList(
    '--event-grid-retry-schedule-ms',
    [10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000],
    86_400_000,
    "Delays before each Event Grid retry (comma-separated ms); Event Grid's schedule by default.",
  ),
  shutdownGraceMs: int(
    '--shutdown-grace-ms',
    5_000,
    [0, 600_000],
    'On SIGTERM/SIGINT, time to deliver pending callbacks before exiting.',
  ),
  callbackAllow: hosts(
    '--callback-allow',
    'Comma-separated hosts callback URIs may use (host, host:port or *.domain); empty allows any.',
  ),
  callbackAllowSelf: bool(
    '--callback-allow-self',
    false,
    "Let callback URLs point at the emulator's own address and port (refused by default: a callback to /admin/reset would wipe every call).",
  ),
  callbackAllowLinkLocal: bool(
    '--callback-allow-link-local',
    false,
    'Let callback URLs use link-local addresses (169.254.0.0/16, fe80::/10, where cloud metadata services live).',
  ),
  deliveryMaxSockets: int(
    '--delivery-max-sockets',
    64,
    [1, 65_536],
    'Connections open at once to one webhook host; further POSTs wait for a free one.',
  ),
  signCallbacks: bool(
    '--sign-callbacks',
    true,
    'Sign each callback with an RS256 JWT as the service does (--no-sign-callbacks for load tests).',
  ),
  callbackTokenReuseSeconds: int(
    '--callback-token-reuse-seconds',
    240,
    [0, 299],
    'Seconds one signed callback JWT (5-minute lifetime) is reused per audience before a new one is signed; 0 signs every callback.',
  ),
  acsResourceId: text(
    '--acs-resource-id',
    DEFAULT_ACS_RESOURCE_ID,
    'ACS immutable resource id: the aud claim of the JWT on every callback.',
  ),
  incomingCallWebhook: text(
    '--incoming-call-webhook',
    '',
    'URL that receives IncomingCall Event Grid events (none by default).',
  ),
  eventGridWebhook: url(
    '--event-grid-webhook',
    '',
    'URL that receives every Event Grid event (IncomingCall, RecordingFileStatusUpdated); none by default.',
  ),
} satisfies SettingTable;
