/** `--help`: every setting from the table, grouped, with its env twin and default. */
import { SETTING_GROUPS, SETTINGS } from './settings.js';
import type { Setting } from './setting.js';

/**
 * A setting's default as `--help` prints it: the value, or a word in parentheses when there is
 * no value to print (`(none)`) or printing it would mislead (`(the well-known key)`).
 */
export function shownDefault(setting: Setting): string {
  if (setting.shown !== undefined) return `(${setting.shown})`;
  const value: unknown = setting.default;
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return '(none)';
  return String(value);
}

const usage = (setting: Setting): string =>
  setting.flag +
  (setting.kind === 'bool' ? ' [true|false]' : setting.kind === 'path' ? ' <file>' : ' <value>');

const COLUMN = Math.max(...SETTINGS.map((s) => usage(s).length));

function row(setting: Setting): string {
  const where = `env ${setting.env}, default ${shownDefault(setting)}`;
  return `  ${usage(setting).padEnd(COLUMN)} ${setting.help}\n  ${''.padEnd(COLUMN)} ${where}`;
}

export function helpText(): string {
  const byKey = new Map(SETTINGS.map((s) => [s.key as string, s]));
  const groups = SETTING_GROUPS.flatMap((group) => [
    '',
    `${group.title}:`,
    ...Object.keys(group.table).map((key) => row(byKey.get(key) as Setting)),
  ]);
  return [
    'Usage: acs-call-emulator [options]',
    '       acs-call-emulator healthcheck [options]   exit 0 when GET /health answers ok, else 1',
    '',
    'Options (flag > env > --config file > default; a config file uses the keys of',
    'README.md#configuration, e.g. {"port": 9000, "logLevel": "debug"}). A boolean option',
    'alone means true; it also takes true/false, 1/0, yes/no or on/off, and --no-<option>',
    'means false.',
    ...groups,
    '',
    `  ${'--help'.padEnd(COLUMN)} print this and exit`,
    `  ${'--version'.padEnd(COLUMN)} print the version and exit`,
    '',
  ].join('\n');
}
