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
    'Callbacks waiting for delivery before state-changing requests get 429.',
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
