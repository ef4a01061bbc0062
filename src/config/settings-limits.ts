/** Bounds on what the emulator keeps and accepts. */
import { int, type SettingTable } from './setting.js';

const MILLIONS = 10_000_000;

export const LIMIT_SETTINGS = {
  bodyLimitBytes: int(
    '--body-limit-bytes',
    1024 * 1024,
    [1024, 100 * 1024 * 1024],
    'Largest accepted request body.',
  ),
  maxCalls: int(
    '--max-calls',
    10_000,
    [1, MILLIONS],
    'Calls kept at once; ended calls are forgotten first, live ones are never dropped.',
  ),
  maxParticipants: int('--max-participants', 100, [1, 10_000], 'Participants a call may have.'),
  maxPendingCallbacks: int(
    '--max-pending-callbacks',
    100_000,
    [1, MILLIONS],
    'Callbacks waiting for one destination (scheme://host:port) before requests that would send it more get 429; a hang-up never does.',
  ),
  maxCallerTones: int(
    '--max-caller-tones',
    1_000,
    [1, 100_000],
    'Keys one POST /admin/calls/{id}/dtmf may press; more gets 400.',
  ),
  maxFaultRules: int(
    '--max-fault-rules',
    1_000,
    [1, 100_000],
    'Fault rules held at once; adding one more gets 400.',
  ),
  eventJournalLimit: int(
    '--event-journal-limit',
    10_000,
    [1, MILLIONS],
    'Callback records kept; the oldest finished go first.',
  ),
  requestJournalLimit: int(
    '--request-journal-limit',
    10_000,
    [1, MILLIONS],
    'API request records kept.',
  ),
} satisfies SettingTable;
