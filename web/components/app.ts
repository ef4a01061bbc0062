/** The dashboard: live calls, the selected call's timeline and keypad, faults, clock, reset. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminApi } from '../api.js';
import { html } from '../html.js';
import { LiveStream, type StreamStatus } from '../live-stream.js';
import { Model } from '../model.js';
import { failuresByCall, timelineOf } from '../timeline.js';
import { CallPanel } from './call-panel.js';
import { CallsList } from './calls-list.js';
import { ClockPanel } from './clock-panel.js';
import { FaultsPanel } from './faults-panel.js';
import { IncomingForm } from './incoming-form.js';
import { KeyPrompt } from './key-prompt.js';

export interface DashboardInfo {
  adminKeyRequired: boolean;
  host: string;
  exposed: boolean;
}

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'connecting…',
  live: 'live',
  offline: 'reconnecting…',
  unauthorized: 'admin key needed',
};

export function App({ api, info }: { api: AdminApi; info: DashboardInfo }) {
  const model = useMemo(() => new Model(), []);
  const [, setVersion] = useState(0);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [wrongKey, setWrongKey] = useState(false);
  const stream = useMemo(() => {
    let scheduled = false;
    return new LiveStream(api, {
      message(message) {
        model.apply(message.event, JSON.parse(message.data));
        // Many changes in one frame draw once.
        if (scheduled) return;
        scheduled = true;
        requestAnimationFrame(() => {
          scheduled = false;
          setVersion(model.version);
        });
      },
      status: setStatus,
    });
  }, [api, model]);
  useEffect(() => {
    stream.start();
    return () => stream.stop();
  }, [stream]);

  const calls = [...model.calls.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const current = selected ?? calls[0]?.callConnectionId;
  const call = current === undefined ? undefined : model.calls.get(current);
  const now = model.clock.mode === 'manual' ? Date.parse(model.clock.now) : Date.now();

  return html`<div class="app">
    <header class="top">
      <h1>ACS Call Emulator</h1>
      <span class=${`stream stream-${status}`} data-testid="stream-status"
        >${STATUS_TEXT[status]}</span
      >
      <${ClockPanel} api=${api} clock=${model.clock} />
      <button
        class="danger"
        data-testid="reset"
        onClick=${() => {
          if (confirm('Forget every call, journal entry and fault rule?'))
            api.post('/admin/reset', {}).catch(() => undefined);
        }}
      >
        Reset
      </button>
    </header>
    ${
      info.exposed
        ? html`<p class="banner" role="alert" data-testid="exposed-banner">
            This emulator listens on <code>${info.host}</code> without <code>--admin-key</code>:
            anyone who can reach its port can see and drive calls. Bind to 127.0.0.1 or set an admin
            key.
          </p>`
        : null
    }
    ${
      status === 'unauthorized'
        ? html`<${KeyPrompt}
            wrong=${wrongKey}
            submit=${(key: string) => {
              setWrongKey(true);
              api.setKey(key);
              stream.start();
            }}
          />`
        : html`<main class="grid">
            <div class="left">
              <section class="panel">
                <h2>Calls <span class="muted">${calls.length}</span></h2>
                <${CallsList}
                  calls=${calls}
                  selected=${current}
                  now=${now}
                  failures=${failuresByCall(model)}
                  select=${setSelected}
                />
              </section>
              <${IncomingForm} api=${api} />
            </div>
            <div class="middle">
              ${
                call
                  ? html`<${CallPanel}
                      key=${call.callConnectionId}
                      api=${api}
                      call=${call}
                      timeline=${timelineOf(model, call.callConnectionId)}
                    />`
                  : html`<section class="panel"><p class="empty">Select a call.</p></section>`
              }
            </div>
            <div class="right"><${FaultsPanel} api=${api} faults=${model.faults} /></div>
          </main>`
    }
  </div>`;
}
