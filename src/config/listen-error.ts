/** Turns a failed listen into a ConfigError naming the setting to change, instead of a stack. */
import { ConfigError } from './config-error.js';
import type { Config } from './settings.js';

const BIND = 'bind 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or ::';
const CHOOSE_PORT =
  'choose another with --port <n> or ACS_EMULATOR_PORT (--port 0 picks a free one)';

/** The ConfigError for a listen error the user can fix by a setting, else undefined. */
export function listenError(
  err: unknown,
  config: Pick<Config, 'host' | 'port'>,
): ConfigError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${config.host}:${config.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new ConfigError(
        '--port',
        `port ${config.port} is already in use (${where}); ${CHOOSE_PORT}`,
      );
    case 'EACCES':
      return new ConfigError(
        '--port',
        `port ${config.port} needs privileges this process lacks (${where}); ${CHOOSE_PORT}`,
      );
    case 'EADDRNOTAVAIL':
      return new ConfigError('--host', `${config.host} is not an address of this machine; ${BIND}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError('--host', `${config.host} cannot be resolved (${code}); ${BIND}`);
    default:
      return undefined;
  }
}
