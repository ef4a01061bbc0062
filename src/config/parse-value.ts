/** Parses one raw setting value (from a flag, env var or the config file) by its kind. */
import { DEFAULTS } from './defaults.js';
import { ConfigError, type Config, type Setting } from './types.js';

const BOOL_VALUES: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  on: true,
  false: false,
  '0': false,
  no: false,
  off: false,
};

export function parseValue(setting: Setting, raw: string, source: string): Config[keyof Config] {
  const where = `${source} ${setting.kind === 'bool' ? '' : `'${raw}'`}`.trim();
  switch (setting.kind) {
    case 'string':
    case 'path':
      // An empty value is allowed only where empty is the default ("none").
      if (raw.length === 0 && DEFAULTS[setting.key] !== '')
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
      const value = BOOL_VALUES[raw.toLowerCase()];
      if (value === undefined)
        throw new ConfigError(setting.flag, `${source} '${raw}' is not a boolean (true/false)`);
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
      if (raw === '' && DEFAULTS[setting.key] === '') return '';
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
