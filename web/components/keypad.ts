/** The caller's keypad: each key is pressed on the selected call at once. */
import { html } from '../html.js';

const KEYS = ['1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D'];

export function Keypad({ press, disabled }: { press(key: string): void; disabled: boolean }) {
  return html`<div class="keypad" data-testid="keypad">
    ${KEYS.map(
      (key) =>
        html`<button
          key=${key}
          disabled=${disabled}
          data-testid=${`key-${key}`}
          aria-label=${`press ${key}`}
          onClick=${() => press(key)}
        >
          ${key}
        </button>`,
    )}
  </div>`;
}
