/**
 * The settings table: every setting's name (also its config-file key), parser, default, flag,
 * environment twin (derived from the flag by {@link envTwin}) and help, declared once in the
 * themed tables below. `Config` and `DEFAULTS` are derived from it; parsing, the config file,
 * `--help` and the README's table (checked by a test) all read it.
 */
import type { FaultRuleSpec } from '../faults/fault-rule.js';
import { API_SETTINGS } from './settings-api.js';
import { CALLBACK_SETTINGS } from './settings-callbacks.js';
import { LIMIT_SETTINGS } from './settings-limits.js';
import { PROCESS_SETTINGS } from './settings-process.js';
import { RECORDING_SETTINGS } from './settings-recording.js';
import { SIMULATION_SETTINGS } from './settings-simulation.js';
import { envTwin, type Setting, type SettingTable, type ValuesOf } from './setting.js';

/** The tables in the order `--help` and the README show them, with `--help`'s headings. */
export const SETTING_GROUPS = [
  { title: 'API', table: API_SETTINGS },
  { title: 'Limits', table: LIMIT_SETTINGS },
  { title: 'Callbacks', table: CALLBACK_SETTINGS },
  { title: 'Simulation', table: SIMULATION_SETTINGS },
  { title: 'Recording', table: RECORDING_SETTINGS },
  { title: 'Process, logs and TLS', table: PROCESS_SETTINGS },
] as const satisfies readonly { title: string; table: SettingTable }[];

/** Every group's rows in one type: the union of the tables, turned into their intersection. */
type Table = UnionToIntersection<(typeof SETTING_GROUPS)[number]['table']>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

export type SettingName = keyof Table;

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/**
 * The emulator's settings as one typed object. `faults` is not a setting of its own: it holds
 * the fault rules loaded at start, the config file's `faults` then the --faults file's.
 */
export type Config = Flatten<ValuesOf<Table> & { faults: FaultRuleSpec[] }>;

function materialize(table: SettingTable): Setting<SettingName>[] {
  return Object.entries(table).map(([name, spec]) => ({
    ...spec,
    key: name as SettingName,
    env: envTwin(spec.flag),
    inFile: spec.inFile ?? true,
  }));
}

/** Every setting, in `--help` order. */
export const SETTINGS: readonly Setting<SettingName>[] = SETTING_GROUPS.flatMap((g) =>
  materialize(g.table),
);

/** The value of every setting when no flag, env var or config file sets it. */
export const DEFAULTS: Config = {
  ...(Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])) as ValuesOf<Table>),
  faults: [],
};
