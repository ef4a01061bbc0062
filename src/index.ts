/** The package's public API for running the emulator inside a test process. */
export {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type StartedEmulator,
} from './emulator.js';
export {
  loadConfig,
  connectionString,
  ConfigError,
  DEFAULTS,
  DEFAULT_PORT,
  WELL_KNOWN_ACCESS_KEY,
  type Config,
  type ReadConfigFile,
} from './config.js';
export { createLogger } from './logger.js';
export { createManualClock, createSystemClock, type Clock, type ManualClock } from './clock.js';
export { SUPPORTED_API_VERSIONS, DEFAULT_API_VERSION } from './http/api-version.js';
