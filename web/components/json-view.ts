/** A record's JSON, shown when its row is opened. */
import { html } from '../html.js';

export function JsonView({ value }: { value: unknown }) {
  return html`<pre class="json">${JSON.stringify(value, null, 2)}</pre>`;
}
