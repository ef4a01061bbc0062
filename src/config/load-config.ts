/**
 * loadConfig(argv, env, readFile): defaults, then the JSON config file, then the environment,
 * then flags. Pure: the file reader is passed in, and nothing here reads the process's state.
 */
import { dirname, resolve } from 'node:path';
import { checkFaultList } from '../faults/fault-list.js';
import type { FaultRuleSpec } from '../faults/fault-rule.js';
import { ConfigError } from './config-error.js';
import { parseValue } from './parse-value.js';
import { DEFAULTS, SETTINGS, type Config } from './settings.js';

/** Reads a config file's text; throws (any error) when it cannot. Only the CLI touches the disk. */
export type ReadConfigFile = (path: string) => string;

/** A value for one property of {@link Config}, parsed but not yet applied. */
type Parsed = readonly [key: keyof Config, value: unknown];

/** Checked fault rules from `value`, or a ConfigError naming `setting`, `where` and the field. */
function faultRules(value: unknown, setting: string, where: string): FaultRuleSpec[] {
  const check = checkFaultList(value);
  if (check.ok) return check.rules;
  throw new ConfigError(setting, `${where}: ${check.problem.message}`);
}

/** Reads a settings file and parses its JSON; errors name `flag` and the file. */
function readJsonFile(path: string, readFile: ReadConfigFile | undefined, flag: string): unknown {
  let text: string;
  try {
    if (!readFile) throw new Error('no file reader was given to loadConfig');
    text = readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(flag, `${path} cannot be read (${code ?? (err as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ConfigError(flag, `${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Reads and checks the --faults file. */
function readFaultsFile(path: string, readFile: ReadConfigFile | undefined): FaultRuleSpec[] {
  return faultRules(readJsonFile(path, readFile, '--faults'), '--faults', path);
}

/** A boolean flag's value: the next word unless that is another flag (`--disable-auth false`). */
function boolValue(argv: readonly string[], i: number): string | undefined {
  const next = argv[i + 1];
  return next === undefined || next.startsWith('-') ? undefined : next;
}

/** Flags in order, with values parsed; unknown flags and missing values throw. */
function parseArgv(argv: readonly string[]): Parsed[] {
  const byFlag = new Map(SETTINGS.map((s) => [s.flag as string, s]));
  const parsed: Parsed[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const negated = flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined;
    if (negated?.kind === 'bool') {
      const value = eq > 0 ? arg.slice(eq + 1) : boolValue(argv, i);
      if (value !== undefined)
        throw new ConfigError(
          flag,
          `takes no value: it means ${negated.flag} false (to give a value, write ${negated.flag} <true|false>)`,
        );
      parsed.push([negated.key, false]);
      continue;
    }
    const setting = byFlag.get(flag);
    if (!setting) throw new ConfigError(flag, 'unknown option (see --help)');
    let raw: string;
    if (eq > 0) raw = arg.slice(eq + 1);
    else if (setting.kind === 'bool') {
      const value = boolValue(argv, i);
      raw = value ?? 'true';
      if (value !== undefined) i++;
    } else {
      const next = argv[i + 1];
      if (next === undefined) throw new ConfigError(flag, 'needs a value');
      raw = next;
      i++;
    }
    parsed.push([setting.key, parseValue(setting, raw, flag)]);
  }
  return parsed;
}

function parseEnv(env: Readonly<Record<string, string | undefined>>): Parsed[] {
  const parsed: Parsed[] = [];
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    if (raw !== undefined && raw !== '')
      parsed.push([setting.key, parseValue(setting, raw, setting.env)]);
  }
  return parsed;
}

/** The config file's settings: JSON object keyed like {@link Config}; every key must be known. */
function parseFile(path: string, readFile: ReadConfigFile | undefined): Parsed[] {
  const fail = (problem: string) => new ConfigError('--config', `${path} ${problem}`);
  const data = readJsonFile(path, readFile, '--config');
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw fail('must hold a JSON object of settings, e.g. {"port": 9000}');
  const byKey = new Map(SETTINGS.map((s) => [s.key as string, s]));
  const parsed: Parsed[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === '$schema') continue;
    if (key === 'faults') {
      parsed.push(['faults', faultRules(value, '--config', `${path} faults`)]);
      continue;
    }
    const setting = byKey.get(key);
    if (!setting?.inFile)
      throw fail(`has unknown key '${key}' (keys are the settings' names, e.g. port, logLevel)`);
    const source = `'${key}' in ${path}`;
    let raw: string;
    if (
      Array.isArray(value) &&
      (setting.kind === 'list' || setting.kind === 'hosts') &&
      value.every((v) => typeof v === 'string')
    )
      raw = value.join(',');
    else if (
      Array.isArray(value) &&
      setting.kind === 'msList' &&
      value.every((v) => typeof v === 'number')
    )
      raw = value.join(',');
    else if (['string', 'number', 'boolean'].includes(typeof value)) raw = String(value);
    else throw new ConfigError(setting.flag, `${source} must be a string, number or boolean`);
    let typed = parseValue(setting, raw, source);
    if (setting.kind === 'path') typed = resolve(dirname(path), typed as string);
    parsed.push([setting.key, typed]);
  }
  return parsed;
}

/** Settings that only make sense together. */
function checkCombinations(config: Config): void {
  if (config.certFile !== undefined && config.keyFile === undefined)
    throw new ConfigError('--key', 'is required with --cert (the PEM private key)');
  if (config.keyFile !== undefined && config.certFile === undefined)
    throw new ConfigError('--cert', 'is required with --key (the PEM certificate)');
  if (config.tls === 'self-signed' && config.certFile !== undefined)
    throw new ConfigError('--tls', "'self-signed' cannot be combined with --cert/--key");
}

/**
 * Builds the config: defaults, then the JSON file (`--config` or its env twin), then the
 * environment, then flags (flags win). `readFile` is only called for a config file.
 */
export function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  readFile?: ReadConfigFile,
): Config {
  const flags = parseArgv(argv);
  const fromEnv = parseEnv(env);
  const configPath = [...flags, ...fromEnv].find(([key]) => key === 'configFile')?.[1];
  const fromFile = typeof configPath === 'string' ? parseFile(configPath, readFile) : [];
  const config: Config = { ...DEFAULTS };
  // Each value was parsed by its own setting's kind, so it has that property's type.
  const values = config as Record<keyof Config, unknown>;
  for (const [key, value] of [...fromFile, ...fromEnv, ...flags]) values[key] = value;
  checkCombinations(config);
  if (config.faultsFile !== undefined)
    config.faults = [...config.faults, ...readFaultsFile(config.faultsFile, readFile)];
  return config;
}
