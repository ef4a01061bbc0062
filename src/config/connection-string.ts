/** The connection string clients use, with a custom (secret) key masked. */
import { WELL_KNOWN_ACCESS_KEY } from './constants.js';
import type { Config } from './settings.js';

/** Connection string for clients; a custom (secret) key is masked unless `reveal`. */
export function connectionString(
  endpoint: string,
  config: Pick<Config, 'accessKey'>,
  reveal = false,
): string {
  const key =
    reveal || config.accessKey === WELL_KNOWN_ACCESS_KEY
      ? config.accessKey
      : `${config.accessKey.slice(0, 4)}…(custom key hidden)`;
  return `endpoint=${endpoint};accesskey=${key}`;
}
