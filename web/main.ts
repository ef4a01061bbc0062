/** Starts the dashboard: reads what the emulator says about itself, then draws the app. */
import { render } from 'preact';
import { AdminApi } from './api.js';
import { App, type DashboardInfo } from './components/app.js';
import { html } from './html.js';

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  root.textContent = '';
  const api = new AdminApi();
  const info = (await (await fetch('/dashboard/info')).json()) as DashboardInfo;
  render(html`<${App} api=${api} info=${info} />`, root);
}

void main();
