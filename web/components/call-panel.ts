/** The selected call: play the caller (keypad, hang-up) and read its timeline. */
import { useState } from 'preact/hooks';
import type { AdminApi } from '../api.js';
import { html } from '../html.js';
import type { CallView } from '../model.js';
import type { TimelineEntry } from '../timeline.js';
import { Keypad } from './keypad.js';
import { TimelineView } from './timeline-view.js';
import { JsonView } from './json-view.js';

export interface CallPanelProps {
  api: AdminApi;
  call: CallView;
  timeline: TimelineEntry[];
}

export function CallPanel({ api, call, timeline }: CallPanelProps) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [showCall, setShowCall] = useState(false);
  const id = call.callConnectionId;
  const ended = call.callConnectionState === 'disconnected';
  const act = (run: () => Promise<unknown>) => {
    setError(undefined);
    run().catch((err: unknown) => setError((err as Error).message));
  };
  return html`<section class="panel call-panel" data-testid="call-panel" data-call-id=${id}>
    <header>
      <h2>Call <code>${id}</code></h2>
      <button class="link" onClick=${() => setShowCall(!showCall)}>
        ${showCall ? 'hide' : 'show'} JSON
      </button>
    </header>
    ${showCall ? html`<${JsonView} value=${call} />` : null}
    <div class="caller">
      <${Keypad}
        disabled=${ended}
        press=${(key: string) =>
          act(() => api.post(`/admin/calls/${id}/dtmf`, { tones: key, intervalMs: 0 }))}
      />
      <div class="caller-actions">
        <button
          class="danger"
          data-testid="hang-up"
          disabled=${ended}
          onClick=${() => act(() => api.post(`/admin/calls/${id}/hang-up`, {}))}
        >
          Hang up
        </button>
        ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      </div>
    </div>
    <h3>Timeline</h3>
    <${TimelineView} entries=${timeline} />
  </section>`;
}
