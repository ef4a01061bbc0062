/** One call's timeline: requests, callbacks and caller actions in order, each opening to its JSON. */
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { isFailure, summaryOf, type TimelineEntry } from '../timeline.js';
import { JsonView } from './json-view.js';

const time = (iso: string) => iso.slice(11, 23);

function marks(entry: TimelineEntry): string {
  const faults = entry.kind === 'caller' ? undefined : entry.record.faults;
  return faults?.length ? ` ⚡ ${faults.map((f) => `${f.action} (${f.ruleId})`).join(', ')}` : '';
}

function destination(entry: TimelineEntry): string {
  return entry.kind === 'callback' ? entry.record.url : '';
}

function Row({ entry }: { entry: TimelineEntry }) {
  const [open, setOpen] = useState(false);
  const failed = isFailure(entry);
  return html`<li
    class=${`entry entry-${entry.kind} ${failed ? 'failed' : ''}`}
    data-testid="timeline-entry"
    data-kind=${entry.kind}
    data-failed=${failed ? 'true' : 'false'}
  >
    <button class="row" onClick=${() => setOpen(!open)} aria-expanded=${open}>
      <span class="time">${time(entry.at)}</span>
      <span class="kind">${entry.kind}</span>
      <span class="summary" data-testid="timeline-summary">${summaryOf(entry)}${marks(entry)}</span>
      <span class="dest">${destination(entry)}</span>
    </button>
    ${open ? html`<${JsonView} value=${entry.record} />` : null}
  </li>`;
}

export function TimelineView({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return html`<p class="empty">Nothing yet.</p>`;
  return html`<ol class="timeline" data-testid="timeline">
    ${entries.map((e) => html`<${Row} key=${e.key} entry=${e} />`)}
  </ol>`;
}
