/**
 * The emulator's settings: one table that drives parsing, defaults, env twins, the JSON config
 * file and `--help`. `loadConfig(argv, env, readFile)` is pure (the file reader is passed in): it
 * returns one typed object or throws {@link ConfigError}.
 */
export * from './config/constants.js';
export { ConfigError } from './config/config-error.js';
export { envTwin, type Kind, type Setting, type SettingSpec } from './config/setting.js';
export {
  DEFAULTS,
  SETTINGS,
  SETTING_GROUPS,
  type Config,
  type SettingName,
} from './config/settings.js';
export { loadConfig, type ReadConfigFile } from './config/load-config.js';
export { connectionString } from './config/connection-string.js';
export { helpText, shownDefault } from './config/help.js';
export { unknownEnvWarnings } from './config/unknown-env.js';
export { listenError } from './config/listen-error.js';
export {
  controlPlaneExposure,
  isLoopbackHost,
  type ControlPlaneExposure,
} from './config/exposure.js';
