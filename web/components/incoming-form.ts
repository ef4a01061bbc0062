/** Place an incoming call as the simulated caller (POST /admin/incoming-calls). */
import { useState } from 'preact/hooks';
import type { AdminApi, ApiError } from '../api.js';
import { html } from '../html.js';

export function IncomingForm({ api }: { api: AdminApi }) {
  const [from, setFrom] = useState('4:+14255550100');
  const [to, setTo] = useState('8:acs:app');
  const [name, setName] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const submit = (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    api
      .post<{ incomingCallContext: string }>('/admin/incoming-calls', {
        from,
        to,
        ...(name ? { callerDisplayName: name } : {}),
      })
      .then(() => setResult({ ok: true, text: 'Ringing: your app got an IncomingCall event.' }))
      .catch((err: unknown) => {
        const error = err as ApiError;
        const details = error.problems?.map((p) => p.message).join('; ');
        setResult({ ok: false, text: details || error.message });
      });
  };
  const input = (label: string, value: string, set: (v: string) => void, testid: string) =>
    html`<label
      >${label}
      <input
        value=${value}
        data-testid=${testid}
        onInput=${(e: Event) => set((e.target as HTMLInputElement).value)}
    /></label>`;
  return html`<form class="panel incoming" onSubmit=${submit} data-testid="incoming-form">
    <h2>Place an incoming call</h2>
    ${input('from', from, setFrom, 'incoming-from')} ${input('to', to, setTo, 'incoming-to')}
    ${input('display name', name, setName, 'incoming-name')}
    <button type="submit">Ring</button>
    ${result ? html`<p class=${result.ok ? 'ok' : 'error'} role="status">${result.text}</p>` : null}
  </form>`;
}
