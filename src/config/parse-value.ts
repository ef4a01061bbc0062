/** Parses one raw setting value (from a flag, env var or the config file) by its kind. */
import { ConfigError } from './config-error.js';
import type { Setting } from './setting.js';

// A Map, not an object literal: `'constructor' in {}` is true.
const BOOL_VALUES = new Map<string, boolean>([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
  ['on', true],
  ['off', false],
]);

/** The words a boolean setting accepts, for messages. */
export const BOOLEAN_WORDS: readonly string[] = [...BOOL_VALUES.keys()];

export function parseValue(setting: Setting, raw: string, source: string): unknown {
  const where = `${source} ${setting.kind === 'bool' ? '' : `'${raw}'`}`.trim();
  switch (setting.kind) {
    case 'string':
    case 'path':
      // An empty value is allowed only where empty is the default ("none").
      if (raw.length === 0 && setting.default !== '')
        throw new ConfigError(setting.flag, `${source} must not be empty`);
      return raw;
    case 'secret':
      if (raw.length < 8)
        throw new ConfigError(setting.flag, `${source} must be at least 8 characters`);
      return raw;
    case 'hosts': {
      if (raw.trim() === '') return [];
      const items = raw.split(',').map((item) => item.trim().toLowerCase());
      const bad = items.find(
        (item) => !/^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(item),
      );
      if (bad !== undefined)
        throw new ConfigError(
          setting.flag,
          `${source} has '${bad}', which is not a host, host:port or *.domain`,
        );
      return items;
    }
    case 'list': {
      if (raw.trim() === '') return [];
      const items = raw.split(',').map((item) => item.trim());
      if (items.some((item) => item.length === 0 || /\s/.test(item)))
        throw new ConfigError(setting.flag, `${where} is not a comma-separated list of names`);
      return items;
    }
    case 'msList': {
      if (raw.trim() === '') return [];
      const items = raw.split(',').map((item) => item.trim());
      const max = setting.max ?? Number.MAX_SAFE_INTEGER;
      if (items.some((item) => !/^\d+$/.test(item) || Number(item) > max))
        throw new ConfigError(
          setting.flag,
          `${where} is not a comma-separated list of milliseconds (0..${max})`,
        );
      return items.map(Number);
    }
    case 'bool': {
      const value = BOOL_VALUES.get(raw.toLowerCase());
      if (value === undefined)
        throw new ConfigError(
          setting.flag,
          `${source} '${raw}' is not a boolean (accepted: ${BOOLEAN_WORDS.join(', ')})`,
        );
      return value;
    }
    case 'port':
    case 'int': {
      const min = setting.kind === 'port' ? 0 : (setting.min ?? 0);
      const max = setting.kind === 'port' ? 65_535 : (setting.max ?? Number.MAX_SAFE_INTEGER);
      if (!/^\d+$/.test(raw)) throw new ConfigError(setting.flag, `${where} is not a whole number`);
      const value = Number(raw);
      if (value < min || value > max)
        throw new ConfigError(setting.flag, `${where} is out of range ${min}..${max}`);
      return value;
    }
    case 'key': {
      const bytes = Buffer.from(raw, 'base64');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || bytes.length < 16) {
        throw new ConfigError(setting.flag, `${source} is not a base64 key of at least 16 bytes`);
      }
      return raw;
    }
    case 'url': {
      if (raw === '' && setting.default === '') return '';
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
        throw new ConfigError(setting.flag, `${where} is not an http(s) URL without query`);
      return raw.replace(/\/+$/, '');
    }
    case 'enum':
      if (!setting.values?.includes(raw)) {
        throw new ConfigError(setting.flag, `${where} is not one of ${setting.values?.join(', ')}`);
      }
      return raw;
  }
}
