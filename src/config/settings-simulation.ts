/** Simulated time, the simulated caller, and the faults loaded at start. */
import { MAX_SEED } from '../faults/prng.js';
import { bool, choice, int, list, path, type SettingTable } from './setting.js';

export const SIMULATION_SETTINGS = {
  clock: choice(
    '--clock',
    ['system', 'manual'],
    'system',
    'system, or manual (time moves only on POST /admin/clock/advance).',
  ),
  connectDelayMs: int(
    '--connect-delay-ms',
    100,
    [0, 600_000],
    'Simulated time from createCall to CallConnected.',
  ),
  playSourceDurationMs: int(
    '--play-source-duration-ms',
    1000,
    [0, 3_600_000],
    'Simulated length of each play source (play and recognize prompts).',
  ),
  sendDtmfToneMs: int(
    '--send-dtmf-tone-ms',
    100,
    [0, 60_000],
    'Simulated time to send one tone with sendDtmfTones.',
  ),
  incomingCallTimeoutMs: int(
    '--incoming-call-timeout-ms',
    30_000,
    [1, 86_400_000],
    'How long an incoming call rings before its context expires.',
  ),
  ownedNumbers: list(
    '--owned-numbers',
    'Phone numbers the app owns (E.164, comma-separated): a call, invitation or transfer to one raises an IncomingCall.',
  ),
  callerToneIntervalMs: int(
    '--caller-tone-interval-ms',
    0,
    [0, 60_000],
    'Default time between keys the simulated caller presses.',
  ),
  allowSpeechWithoutCognitiveServices: bool(
    '--allow-speech-without-cognitive-services',
    false,
    'Allow text-to-speech, speech recognition and transcription on calls set up without callIntelligenceOptions.cognitiveServicesEndpoint (the service refuses them).',
  ),
  seed: int(
    '--seed',
    undefined,
    [0, MAX_SEED],
    'Seed for fault-rule probability and delay ranges: the same seed replays the same run (random when unset).',
    { shown: 'random' },
  ),
  faultsFile: path(
    '--faults',
    undefined,
    'JSON file holding an array of fault rules to load at start (docs/faults.md).',
  ),
} satisfies SettingTable;
