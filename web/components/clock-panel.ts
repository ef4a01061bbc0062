/** The emulator's clock: its mode and time; with the manual clock, buttons move it forward. */
import { useState } from 'preact/hooks';
import type { AdminApi } from '../api.js';
import { html } from '../html.js';
import type { ClockView } from '../model.js';

const STEPS: [string, number][] = [
  ['+100 ms', 100],
  ['+1 s', 1_000],
  ['+10 s', 10_000],
  ['+1 min', 60_000],
];

export function ClockPanel({ api, clock }: { api: AdminApi; clock: ClockView }) {
  const [error, setError] = useState<string | undefined>(undefined);
  return html`<div class="clock" data-testid="clock" data-mode=${clock.mode}>
    <span class="muted">${clock.mode} clock</span>
    <time data-testid="clock-now">${clock.now.replace('T', ' ').replace('Z', ' UTC')}</time>
    ${
      clock.mode === 'manual'
        ? STEPS.map(
            ([label, ms]) =>
              html`<button
                data-testid=${`advance-${ms}`}
                onClick=${() => {
                  setError(undefined);
                  api
                    .post('/admin/clock/advance', { ms })
                    .catch((err: unknown) => setError((err as Error).message));
                }}
              >
                ${label}
              </button>`,
          )
        : null
    }
    ${error ? html`<span class="error">${error}</span>` : null}
  </div>`;
}
