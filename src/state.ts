/**
 * The emulator's state: one object that owns every store, journal, queue and timer, built from one
 * Config. Each part is registered once, in order, with what it does on POST /admin/reset and on
 * shutdown, so `reset()` and `stop()` hold no hand-kept list: a store added later is reset and
 * stopped by registering it here.
 */
import type { Logger } from 'pino';
import { CallerActionJournal } from './calls/caller-actions.js';
import { ListeningPresses } from './calls/listening-presses.js';
import { CallbackTargets } from './callback-targets.js';
import { CallRuntime } from './calls/call-runtime.js';
import { incomingCallNotifier } from './calls/incoming-call-notifier.js';
import { PartyRules } from './calls/party-rules.js';
import { createManualClock, createSystemClock, type Clock, type ManualClock } from './clock.js';
import type { Config } from './config.js';
import { logCallbackAttempt } from './events/attempt-log.js';
import { Delivery } from './events/delivery.js';
import { EventGridSubscriptions } from './events/event-grid-subscriptions.js';
import type { EventRecord } from './events/event-journal.js';
import { IdentityStore } from './directory/identity-store.js';
import { RoomStore } from './directory/room-store.js';
import type { WebhookSigner } from './events/webhook-signer.js';
import { FaultInjection } from './faults/fault-injection.js';
import { LiveFeed } from './feed/live-feed.js';
import { RepeatabilityCache } from './http/repeatability.js';
import { RequestJournal } from './http/request-journal.js';
import { StreamingHub } from './streaming/streaming-hub.js';
import { uploadToBlobStorage } from './recordings/blob-uploader.js';
import { RecordingFileStore } from './recordings/file-store.js';
import { RecordingService } from './recordings/recording-service.js';

/** What a registered part does on reset and on stop; either may be absent. */
export interface StatePart {
  /** POST /admin/reset: forget everything, as on a fresh start (settings stay). */
  reset?(): void;
  /** Shutdown, within the grace period; what it could not finish goes in the report. */
  stop?(graceMs: number, report: StopReport): void | Promise<void>;
}

/** What shutdown could not finish, for the one log line that says so. */
export interface StopReport {
  /** Callbacks that were pending when the flush began. */
  pendingAtStop: number;
  /** Callbacks still undelivered when the grace period ended. */
  undelivered: EventRecord[];
}

/** Answers kept for repeated requests: enough for SDK retries (minutes), bounded in memory. */
const REPEATABILITY_LIMIT = 10_000;
const REPEATABILITY_TTL_MS = 15 * 60_000;
/** Changes kept for a stream client that reconnects with Last-Event-ID (about a minute of a busy run). */
const FEED_REPLAY_LIMIT = 5_000;

export class EmulatorState {
  readonly clock: Clock;
  /** Present when the emulator runs with --clock manual. */
  readonly manualClock?: ManualClock;
  readonly delivery: Delivery;
  /** The one check of every URL the emulator POSTs to; learns its own address on listen. */
  readonly callbackTargets: CallbackTargets;
  readonly faults: FaultInjection;
  readonly calls: CallRuntime;
  /** How the people on the other end answer (PUT /admin/parties/{rawId}). */
  readonly parties = new PartyRules();
  /** Media streaming and transcription WebSockets, one pair per call at most. */
  readonly streams: StreamingHub;
  readonly requests: RequestJournal;
  /** Event Grid subscriptions (settings and PUT /admin/event-subscriptions/{name}). */
  readonly eventGrid: EventGridSubscriptions;
  readonly recordings: RecordingService;
  /** The files of stopped recordings (memory within a bound, or --recording-folder). */
  readonly recordingFiles: RecordingFileStore;
  /** What the simulated caller did through the control API. */
  readonly callerActions: CallerActionJournal;
  /** The caller's presses waiting for a recognize to listen (`"when": "listening"`). */
  readonly listeningPresses: ListeningPresses;
  /** Every change, numbered, for GET /admin/stream. */
  readonly feed: LiveFeed;
  /** Answers by Repeatability-Request-ID. */
  readonly repeatability: RepeatabilityCache;
  /** Communication users and their tokens (the Identity API). */
  readonly identities: IdentityStore;
  /** Rooms and their participants (the Rooms API). */
  readonly rooms: RoomStore;
  readonly startedAt = Date.now();
  private readonly parts: { name: string; part: StatePart }[] = [];

  constructor(config: Config, logger: Logger, signer: WebhookSigner | undefined) {
    this.manualClock = config.clock === 'manual' ? createManualClock() : undefined;
    this.clock = this.manualClock ?? createSystemClock();
    this.callbackTargets = new CallbackTargets({
      allow: config.callbackAllow,
      allowSelf: config.callbackAllowSelf,
      allowLinkLocal: config.callbackAllowLinkLocal,
    });
    this.callbackTargets.addSelf(config.host, config.port);
    this.delivery = new Delivery({
      maxAttempts: config.deliveryMaxAttempts,
      timeoutMs: config.deliveryTimeoutMs,
      backoffMs: config.deliveryBackoffMs,
      maxBackoffMs: config.deliveryMaxBackoffMs,
      retryWindowMs: config.deliveryRetryWindowMs,
      eventGrid: {
        timeoutMs: config.eventGridTimeoutMs,
        retryScheduleMs: config.eventGridRetryScheduleMs,
      },
      journalLimit: config.eventJournalLimit,
      maxSockets: config.deliveryMaxSockets,
      targets: this.callbackTargets,
      logger,
      ...(signer ? { signer } : {}),
      onAttempt: logCallbackAttempt(logger),
    });
    this.faults = new FaultInjection(
      this.delivery,
      config.seed,
      config.faults,
      config.maxFaultRules,
    );
    this.eventGrid = new EventGridSubscriptions(this.delivery, {
      eventGridWebhook: config.eventGridWebhook,
      incomingCallWebhook: config.incomingCallWebhook,
    });
    this.calls = new CallRuntime({
      clock: this.clock,
      events: this.faults.callbacks,
      connectDelayMs: config.connectDelayMs,
      maxCalls: config.maxCalls,
      faults: this.faults,
      parties: this.parties,
      notifyIncoming: incomingCallNotifier({
        delivery: this.delivery,
        eventGrid: this.eventGrid,
        clock: this.clock,
      }),
      resourceId: config.acsResourceId,
      ownedNumbers: config.ownedNumbers,
      ringTimeoutMs: config.incomingCallTimeoutMs,
    });
    this.streams = new StreamingHub({
      clock: this.clock,
      apply: (id, input) => void this.calls.apply(id, input),
      logger,
    });
    this.calls.observe((call, input) => this.streams.observe(call, input));
    this.requests = new RequestJournal(config.requestJournalLimit);
    this.recordingFiles = new RecordingFileStore({
      ...(config.recordingFolder !== undefined ? { folder: config.recordingFolder } : {}),
      memoryLimitBytes: config.recordingMemoryLimitBytes,
      logger,
    });
    this.recordings = new RecordingService({
      clock: this.clock,
      calls: this.calls,
      events: this.faults.callbacks,
      eventGrid: this.eventGrid,
      files: this.recordingFiles,
      logger,
      acsResourceId: config.acsResourceId,
      uploader: uploadToBlobStorage,
    });
    this.repeatability = new RepeatabilityCache(REPEATABILITY_LIMIT, REPEATABILITY_TTL_MS);
    this.identities = new IdentityStore(config.acsResourceId);
    this.rooms = new RoomStore();
    this.callerActions = new CallerActionJournal(config.requestJournalLimit);
    this.listeningPresses = new ListeningPresses(this.calls, this.clock);
    this.feed = new LiveFeed(
      {
        requests: this.requests,
        callbacks: this.delivery.journal,
        caller: this.callerActions,
        calls: this.calls,
      },
      FEED_REPLAY_LIMIT,
    );

    // Stop runs in this order: simulated time ends (only callbacks already produced are
    // flushed), fault waits end (hung requests close, held callbacks join the flush), then
    // delivery flushes what is pending within the grace period and closes.
    this.register('calls', { reset: () => this.calls.reset(), stop: () => this.calls.reset() });
    this.register('faults', { reset: () => this.faults.reset(), stop: () => this.faults.stop() });
    this.register('delivery', {
      reset: () => this.delivery.reset(),
      stop: async (graceMs, report) => {
        report.pendingAtStop = this.delivery.pending;
        await this.delivery.flush(graceMs);
        report.undelivered = this.delivery.close();
      },
    });
    // Uploads to external storage in flight finish (or fail) before shutdown completes.
    this.register('recordings', {
      reset: () => this.recordings.reset(),
      stop: () => this.recordings.settled(),
    });
    this.register('recordingFiles', { reset: () => this.recordingFiles.reset() });
    this.register('eventSubscriptions', { reset: () => this.eventGrid.reset() });
    this.register('requests', { reset: () => this.requests.clear() });
    this.register('repeatability', { reset: () => this.repeatability.clear() });
    this.register('identities', { reset: () => this.identities.reset() });
    this.register('rooms', { reset: () => this.rooms.reset() });
    this.register('parties', { reset: () => this.parties.clear() });
    // Every media streaming and transcription socket closes (their frame timers with them).
    this.register('streams', {
      reset: () => this.streams.closeAll(),
      stop: () => this.streams.closeAll(),
    });
    this.register('callerActions', { reset: () => this.callerActions.clear() });
    this.register('listeningPresses', {
      reset: () => this.listeningPresses.reset(),
      stop: () => this.listeningPresses.reset(),
    });
    // Last, so stream clients hear of the reset once everything has been forgotten.
    this.register('feed', { reset: () => this.feed.publish({ kind: 'reset' }) });
  }

  /** Adds a part; reset and stop reach parts in the order they were registered. */
  register(name: string, part: StatePart): void {
    if (this.parts.some((p) => p.name === name))
      throw new Error(`state part '${name}' is registered twice`);
    this.parts.push({ name, part });
  }

  /** The names of the registered parts, in order (for tests and diagnostics). */
  get partNames(): string[] {
    return this.parts.map((p) => p.name);
  }

  /** POST /admin/reset: every part forgets its state. */
  reset(): void {
    for (const { part } of this.parts) part.reset?.();
  }

  /** Shutdown: every part stops in order, within `graceMs`; resolves with what was left undone. */
  async stop(graceMs: number): Promise<StopReport> {
    const report: StopReport = { pendingAtStop: 0, undelivered: [] };
    for (const { part } of this.parts) await part.stop?.(graceMs, report);
    return report;
  }
}
