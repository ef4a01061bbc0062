/**
 * The emulator's settings: one table that drives parsing, defaults, env twins, the JSON config
 * file and `--help`. `loadConfig(argv, env, readFile)` is pure (the file reader is passed in): it
 * returns one typed object or throws {@link ConfigError}.
 */
export * from './config/types.js';
export { DEFAULTS } from './config/defaults.js';
export { SETTINGS } from './config/settings.js';
export { loadConfig, type ReadConfigFile } from './config/load-config.js';
export { connectionString } from './config/connection-string.js';
