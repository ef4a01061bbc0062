/**
 * A small IVR, written the way an app written for Azure would be: it knows nothing of the
 * emulator. It places a call, waits for CallConnected on its webhook, plays a menu while it
 * collects DTMF keys, says which department was chosen, and hangs up.
 *
 * Point it at the emulator with the emulator's connection string; over http:// the JavaScript SDK
 * needs `allowInsecureConnection: true`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CallAutomationClient,
  DtmfTone,
  parseCallAutomationEvent,
  type CallAutomationEvent,
  type CallConnection,
} from '@azure/communication-call-automation';

type PhoneNumberIdentifier = { phoneNumber: string };

export interface IvrOptions {
  connectionString: string;
  /** The JavaScript SDK refuses http:// endpoints unless this is set. */
  allowInsecureConnection?: boolean;
  /** Where the menu prompt lives. */
  promptUrl?: string;
  /** How long the menu waits for a first key (10 s unless told). */
  silenceTimeoutSeconds?: number;
}

/** What happened on one call, as the app saw it. */
export interface IvrOutcome {
  callConnectionId: string;
  /** The department the caller chose, or why none was. */
  choice: 'sales' | 'support' | 'no-choice';
  tones: string[];
  events: string[];
}

const DEPARTMENTS: Record<string, IvrOutcome['choice']> = { one: 'sales', two: 'support' };

export interface IvrApp {
  /** The webhook URL the app gives the service for its calls. */
  readonly callbackUrl: string;
  /** Calls `phoneNumber` and resolves when the call has ended. */
  call(phoneNumber: string): Promise<{ callConnectionId: string; done: Promise<IvrOutcome> }>;
  close(): Promise<void>;
}

export async function startIvrApp(options: IvrOptions): Promise<IvrApp> {
  const client = new CallAutomationClient(options.connectionString, {
    allowInsecureConnection: options.allowInsecureConnection ?? false,
  });
  const sessions = new Map<string, Session>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200).end();
      void (async () => {
        const event = await parseCallAutomationEvent(Buffer.concat(chunks).toString('utf8'));
        await sessions.get(event.callConnectionId ?? '')?.on(event);
      })().catch((err: unknown) => console.error('ivr: callback failed', err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/callbacks`;

  return {
    callbackUrl,
    async call(phoneNumber) {
      const target: PhoneNumberIdentifier = { phoneNumber };
      const result = await client.createCall({ targetParticipant: target }, callbackUrl);
      const id = result.callConnectionProperties.callConnectionId as string;
      const session = new Session(id, result.callConnection, target, options);
      sessions.set(id, session);
      return { callConnectionId: id, done: session.done };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One call's dialogue: connected -> menu with key collection -> answer -> hang up. */
class Session {
  readonly done: Promise<IvrOutcome>;
  private finish!: (outcome: IvrOutcome) => void;
  private readonly events: string[] = [];
  private outcome: Omit<IvrOutcome, 'events'>;

  constructor(
    id: string,
    private readonly connection: CallConnection,
    private readonly caller: PhoneNumberIdentifier,
    private readonly options: IvrOptions,
  ) {
    this.outcome = { callConnectionId: id, choice: 'no-choice', tones: [] };
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  async on(event: CallAutomationEvent): Promise<void> {
    this.events.push(event.kind);
    const media = this.connection.getCallMedia();
    switch (event.kind) {
      case 'CallConnected':
        // "For sales press 1, for support press 2": keys may interrupt the prompt.
        await media.startRecognizing(this.caller, {
          kind: 'callMediaRecognizeDtmfOptions',
          maxTonesToCollect: 1,
          interruptPrompt: true,
          initialSilenceTimeoutInSeconds: this.options.silenceTimeoutSeconds ?? 10,
          playPrompt: {
            kind: 'fileSource',
            url: this.options.promptUrl ?? 'https://example.com/audio/main-menu.wav',
          },
          stopDtmfTones: [DtmfTone.Pound],
          operationContext: 'main-menu',
        });
        return;
      case 'RecognizeCompleted': {
        const tones = event.dtmfResult?.tones ?? [];
        this.outcome = {
          ...this.outcome,
          tones,
          choice: DEPARTMENTS[tones[0] ?? ''] ?? 'no-choice',
        };
        await media.playToAll(
          [{ kind: 'fileSource', url: `https://example.com/audio/${this.outcome.choice}.wav` }],
          {
            operationContext: 'goodbye',
          },
        );
        return;
      }
      case 'RecognizeFailed':
        await this.connection.hangUp(true);
        return;
      case 'PlayCompleted':
        if (event.operationContext === 'goodbye') await this.connection.hangUp(true);
        return;
      case 'CallDisconnected':
        this.finish({ ...this.outcome, events: [...this.events] });
        return;
    }
  }
}
