/** Asks for the admin key (--admin-key) when the control API answers 401. */
import { useState } from 'preact/hooks';
import { html } from '../html.js';

export function KeyPrompt({ wrong, submit }: { wrong: boolean; submit(key: string): void }) {
  const [key, setKey] = useState('');
  return html`<form
    class="panel key-prompt"
    data-testid="key-prompt"
    onSubmit=${(e: Event) => {
      e.preventDefault();
      submit(key);
    }}
  >
    <h2>Admin key</h2>
    <p>
      This emulator runs with <code>--admin-key</code>. Enter the key to see and drive it; the page
      keeps it for this browser tab only.
    </p>
    ${wrong ? html`<p class="error" role="alert">That key was refused.</p>` : null}
    <input
      type="password"
      autocomplete="off"
      data-testid="key-input"
      value=${key}
      onInput=${(e: Event) => setKey((e.target as HTMLInputElement).value)}
    />
    <button type="submit">Use key</button>
  </form>`;
}
