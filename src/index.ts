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
  DEFAULT_ACS_RESOURCE_ID,
  WELL_KNOWN_ACCESS_KEY,
  type Config,
  type ReadConfigFile,
} from './config.js';
export { createLogger } from './logger.js';
export { createManualClock, createSystemClock, type Clock, type ManualClock } from './clock.js';
export { SUPPORTED_API_VERSIONS, DEFAULT_API_VERSION } from './http/api-version.js';
export {
  EmulatorClient,
  EmulatorClientError,
  type EventQuery,
  type WaitForEventQuery,
  type RequestQuery,
  type AdminCallView,
  type HealthReport,
  type PressedKeys,
  type PressedKey,
  type PressKeysOptions,
  type IncomingCallRequest,
  type PlacedIncomingCall,
  type PartyRule,
  type PartyRuleInput,
  type PartyAnswer,
  type ParticipantHangUp,
} from './client/emulator-client.js';
export type {
  EventRecord,
  CallbackRecord,
  EventGridRecord,
  DeliveryAttempt,
  DeliveryStatus,
  EventFilter,
} from './events/event-journal.js';
export type { CloudEvent } from './events/cloud-event.js';
export type { EventGridEvent } from './events/event-grid.js';
export type { RequestRecord } from './http/request-journal.js';
export type { CallerAction, CallerActionType } from './calls/caller-actions.js';
export type { FeedItem } from './feed/feed-entry.js';
export type {
  FaultRule,
  FaultRuleSpec,
  FaultRuleInput,
  FaultMatch,
  FaultAction,
  RequestAction,
  EventAction,
  OutcomeAction,
  FaultMark,
  ResultOverride,
} from './faults/fault-rule.js';
export {
  TOKEN_LIFETIME_SECONDS,
  OPENID_CONFIGURATION_PATH,
  JWKS_PATH,
  type OpenIdConfiguration,
} from './events/webhook-signer.js';
