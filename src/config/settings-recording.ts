/** Call recordings: where their files live and the addresses their locations use. */
import { int, path, url, type SettingTable } from './setting.js';

export const RECORDING_SETTINGS = {
  recordingStorageUrl: url(
    '--recording-storage-url',
    '',
    "Origin of recording content/metadata/delete locations (e.g. https://emulator.asm.skype.com, which SDK 1.6 requires); the emulator's own URL by default.",
  ),
  recordingFolder: path(
    '--recording-folder',
    undefined,
    'Keep recording files in this folder (created if missing) instead of memory; reset deletes them.',
  ),
  recordingMemoryLimitBytes: int(
    '--recording-memory-limit-bytes',
    256 * 1024 * 1024,
    [1024, 16 * 1024 * 1024 * 1024],
    'Bytes of recording files kept in memory; the oldest are evicted (and logged) beyond it.',
  ),
} satisfies SettingTable;
