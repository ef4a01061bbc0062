/**
 * One row of the settings table, the builders that write a row in one line, and the type that
 * turns a table into the typed values it describes. A builder fixes a row's value type, so the
 * `Config` type is inferred from the rows instead of being kept by hand.
 */
import { ENV_PREFIX } from './constants.js';

/**
 * How a raw value is parsed. `path`: a file path (relative ones in a config file are relative to
 * that file); `list`: comma-separated; `msList`: comma-separated whole milliseconds (a JSON array
 * of numbers in a config file); `hosts`: comma-separated host, host:port or *.domain.
 */
export type Kind =
  | 'string'
  | 'port'
  | 'int'
  | 'bool'
  | 'key'
  | 'enum'
  | 'secret'
  | 'list'
  | 'msList'
  | 'hosts'
  | 'url'
  | 'path';

export type Flag = `--${string}`;

/** A row: `T` is the value's type, with `undefined` when the setting may stay unset. */
export interface SettingSpec<T = unknown> {
  readonly kind: Kind;
  readonly flag: Flag;
  readonly default: T;
  readonly help: string;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** How --help and the README word the default when printing the value would mislead. */
  readonly shown?: string;
  /** false: no config-file key (a config file cannot name another one). */
  readonly inFile?: boolean;
}

/** A table of rows keyed by setting name; the name is also the config-file key. */
export type SettingTable = Readonly<Record<string, SettingSpec>>;

/** A row as the parsers use it: the table's row plus its name and environment twin. */
export interface Setting<K extends string = string> extends SettingSpec {
  readonly key: K;
  readonly env: string;
  readonly inFile: boolean;
}

/** `--tls-dir` -> `ACS_EMULATOR_TLS_DIR`: every flag's environment twin, by one rule. */
export function envTwin(flag: Flag): string {
  return ENV_PREFIX + flag.slice(2).toUpperCase().replaceAll('-', '_');
}

type ValueOf<S> = S extends SettingSpec<infer T> ? T : never;
type UnsetKeys<T> = { [K in keyof T]: undefined extends ValueOf<T[K]> ? K : never }[keyof T];

/** The values a table describes: a setting without a default is an optional property. */
export type ValuesOf<T extends SettingTable> = {
  -readonly [K in Exclude<keyof T, UnsetKeys<T>>]: ValueOf<T[K]>;
} & { -readonly [K in UnsetKeys<T>]?: Exclude<ValueOf<T[K]>, undefined> };

type Extra = Pick<SettingSpec, 'shown' | 'inFile'>;
type Details = Pick<SettingSpec, 'values' | 'min' | 'max' | 'shown' | 'inFile'>;
/** `undefined` as a default makes the value optional; any other default makes it `T`. */
type Defaulted<D, T> = undefined extends D ? T | undefined : T;
type Range = readonly [min: number, max: number];

const row = <T>(
  kind: Kind,
  flag: Flag,
  value: T,
  help: string,
  extra: Details = {},
): SettingSpec<T> => ({ kind, flag, default: value, help, ...extra });

export const text = (flag: Flag, value: string, help: string) => row('string', flag, value, help);
/** An http(s) URL without query; `''` (none) is allowed only as the default. */
export const url = (flag: Flag, value: '', help: string) => row<string>('url', flag, value, help);
export const port = (flag: Flag, value: number, help: string) => row('port', flag, value, help);
export const int = <D extends number | undefined>(
  flag: Flag,
  value: D,
  [min, max]: Range,
  help: string,
  extra?: Extra,
) =>
  row<Defaulted<D, number>>('int', flag, value as Defaulted<D, number>, help, {
    min,
    max,
    ...extra,
  });
export const bool = (flag: Flag, value: boolean, help: string) => row('bool', flag, value, help);
/** A base64 HMAC key of at least 16 bytes. */
export const key = (flag: Flag, value: string, help: string, extra?: Extra) =>
  row('key', flag, value, help, extra);
/** A secret of at least 8 characters; unset by default. */
export const secret = (flag: Flag, help: string) =>
  row<string | undefined>('secret', flag, undefined, help);
export const choice = <const V extends readonly string[]>(
  flag: Flag,
  values: V,
  value: V[number],
  help: string,
) => row<V[number]>('enum', flag, value, help, { values });
export const list = (flag: Flag, help: string) => row<string[]>('list', flag, [], help);
export const hosts = (flag: Flag, help: string) => row<string[]>('hosts', flag, [], help);
/** Comma-separated milliseconds, each at most `max`. */
export const msList = (flag: Flag, value: readonly number[], max: number, help: string) =>
  row<number[]>('msList', flag, [...value], help, { max });
export const path = <D extends string | undefined>(
  flag: Flag,
  value: D,
  help: string,
  extra?: Extra,
) => row<Defaulted<D, string>>('path', flag, value as Defaulted<D, string>, help, extra);
