/** The live list of calls: state, parties, age; a click selects one. */
import { html } from '../html.js';
import type { CallView, Identifier } from '../model.js';

export interface CallsListProps {
  calls: CallView[];
  selected: string | undefined;
  /** Emulator time now (the manual clock's when it runs one), for the age. */
  now: number;
  /** Failed deliveries and 4xx/5xx answers per call, so a call in trouble stands out. */
  failures: Map<string, number>;
  select(id: string): void;
}

export const partyName = (id: Identifier | undefined): string => id?.rawId ?? '?';

export function age(fromIso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

export function CallsList({ calls, selected, now, failures, select }: CallsListProps) {
  if (calls.length === 0)
    return html`<p class="empty" data-testid="no-calls">
      No calls yet. Create one with the SDK, or place an incoming call below.
    </p>`;
  return html`<ul class="calls" data-testid="calls">
    ${calls.map(
      (call) =>
        html`<li key=${call.callConnectionId}>
          <button
            class=${`call ${call.callConnectionId === selected ? 'selected' : ''}`}
            data-testid="call"
            data-call-id=${call.callConnectionId}
            onClick=${() => select(call.callConnectionId)}
          >
            <span class=${`state state-${call.callConnectionState}`} data-testid="call-state"
              >${call.callConnectionState}</span
            >
            <span class="parties">
              ${
                call.participants.map((p) => partyName(p.identifier)).join(', ') ||
                (call.targets ?? []).map(partyName).join(', ')
              }
            </span>
            <span class="age" title=${call.createdAt}>${age(call.createdAt, now)}</span>
            <code class="id">${call.callConnectionId.slice(0, 8)}</code>
            ${
              failures.get(call.callConnectionId)
                ? html`<span class="failures" data-testid="call-failures"
                    >${failures.get(call.callConnectionId)} failed</span
                  >`
                : null
            }
          </button>
        </li>`,
    )}
  </ul>`;
}
