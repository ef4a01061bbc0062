/**
 * Fault rules: the live list (newest first, as they are tried), a form for the rule format with the
 * emulator's validation problems shown next to the field they name, and removal.
 */
import { useState } from 'preact/hooks';
import { ApiError, type AdminApi, type ApiProblem } from '../api.js';
import { html } from '../html.js';
import type { FaultRule } from '../model.js';

const ACTIONS = [
  'error',
  'delay',
  'reset',
  'hang',
  'drop',
  'duplicate',
  'delayEvent',
  'reorder',
  'failOperation',
  'failTone',
];

interface Draft {
  id: string;
  operation: string;
  eventType: string;
  callConnectionId: string;
  participant: string;
  type: string;
  params: string;
  times: string;
  probability: string;
}

const EMPTY: Draft = {
  id: '',
  operation: '',
  eventType: '',
  callConnectionId: '',
  participant: '',
  type: 'error',
  params: '{ "status": 500 }',
  times: '',
  probability: '',
};

/** The rule the form describes; a problem of the form itself (not the emulator's) is thrown. */
export function ruleOf(draft: Draft): Record<string, unknown> {
  let params: unknown = {};
  if (draft.params.trim() !== '') {
    try {
      params = JSON.parse(draft.params);
    } catch {
      throw new ApiError(400, 'Form', 'The action fields are not JSON.', [
        { field: 'action', message: 'action fields must be a JSON object, e.g. { "status": 500 }' },
      ]);
    }
  }
  const match = Object.fromEntries(
    (['operation', 'eventType', 'callConnectionId', 'participant'] as const)
      .filter((f) => draft[f].trim() !== '')
      .map((f) => [f, draft[f].trim()]),
  );
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const times = number(draft.times);
  const probability = number(draft.probability);
  return {
    ...(draft.id.trim() ? { id: draft.id.trim() } : {}),
    match,
    action: { ...(params as Record<string, unknown>), type: draft.type },
    ...(times !== undefined ? { times } : {}),
    ...(probability !== undefined ? { probability } : {}),
  };
}

/** The fields the form shows problems beside; the rest go under the form. */
const PLACED = [
  'id',
  'times',
  'probability',
  'action',
  'match.operation',
  'match.eventType',
  'match.callConnectionId',
  'match.participant',
];

/** Problems whose field starts with `prefix` (e.g. `action` catches `action.status`). */
const under = (problems: ApiProblem[], prefix: string) =>
  problems.filter((p) => p.field === prefix || p.field?.startsWith(`${prefix}.`));

function Problems({ problems }: { problems: ApiProblem[] }) {
  return problems.length === 0
    ? null
    : html`<ul class="problems" data-testid="fault-problems">
        ${problems.map((p) => html`<li class="error">${p.message}</li>`)}
      </ul>`;
}

export function FaultsPanel({ api, faults }: { api: AdminApi; faults: FaultRule[] }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const field = (name: keyof Draft, label: string, placeholder = '') =>
    html`<label
      >${label}
      <input
        name=${name}
        data-testid=${`fault-${name}`}
        value=${draft[name]}
        placeholder=${placeholder}
        onInput=${(e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value })}
      />
      <${Problems} problems=${under(problems, fieldPath(name))} />
    </label>`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblems([]);
    setMessage(undefined);
    try {
      await api.post('/admin/faults', ruleOf(draft));
      setDraft({ ...EMPTY, type: draft.type, params: draft.params });
    } catch (err) {
      const error = err as ApiError;
      setMessage(error.message);
      setProblems(error.problems ?? []);
    }
  };
  const other = problems.filter((p) => !PLACED.some((prefix) => under([p], prefix).length > 0));

  return html`<section class="panel faults" data-testid="faults-panel">
    <h2>Fault rules</h2>
    ${
      faults.length === 0
        ? html`<p class="empty">No rules.</p>`
        : html`<ul class="rules" data-testid="fault-rules">
            ${faults.map(
              (rule) =>
                html`<li key=${rule.id} data-testid="fault-rule" data-rule-id=${rule.id}>
                  <code>${rule.id}</code>
                  <span>${JSON.stringify(rule.match ?? {})} → ${JSON.stringify(rule.action)}</span>
                  <span class="muted"
                    >${rule.times === undefined ? 'until removed' : `${rule.times} left`}${
                      rule.hits ? `, fired ${rule.hits}×` : ''
                    }</span
                  >
                  <button
                    class="link"
                    data-testid="fault-remove"
                    onClick=${() =>
                      api
                        .delete(`/admin/faults/${encodeURIComponent(rule.id)}`)
                        .catch((err: unknown) => setMessage((err as Error).message))}
                  >
                    remove
                  </button>
                </li>`,
            )}
          </ul>`
    }
    <form class="fault-form" onSubmit=${submit} data-testid="fault-form">
      <fieldset>
        <legend>Add a rule</legend>
        ${field('id', 'id', 'optional')} ${field('operation', 'match operation', 'e.g. CreateCall')}
        ${field('eventType', 'match eventType', 'e.g. CallConnected')}
        ${field('callConnectionId', 'match callConnectionId')}
        ${field('participant', 'match participant', 'e.g. 4:+14255550123')}
        <label
          >action
          <select
            data-testid="fault-type"
            value=${draft.type}
            onChange=${(e: Event) =>
              setDraft({ ...draft, type: (e.target as HTMLSelectElement).value })}
          >
            ${ACTIONS.map((a) => html`<option value=${a}>${a}</option>`)}
          </select>
        </label>
        <label
          >action fields (JSON)
          <input
            data-testid="fault-params"
            value=${draft.params}
            onInput=${(e: Event) =>
              setDraft({ ...draft, params: (e.target as HTMLInputElement).value })}
          />
          <${Problems} problems=${under(problems, 'action')} />
        </label>
        ${field('times', 'times', 'until removed')} ${field('probability', 'probability', '1')}
        <button type="submit" data-testid="fault-add">Add rule</button>
        ${
          message
            ? html`<div class="error" role="alert" data-testid="fault-error">
                ${message}
                <${Problems} problems=${other} />
              </div>`
            : null
        }
      </fieldset>
    </form>
  </section>`;
}

/** Where the emulator reports a form field's problems. */
function fieldPath(name: keyof Draft): string {
  if (['operation', 'eventType', 'callConnectionId', 'participant'].includes(name))
    return `match.${name}`;
  return name;
}
