// Takes the README's screenshot of the dashboard (docs/dashboard.png) from real headless Chromium:
// builds the package, starts an emulator, plays a small scene (a call with tones pressed on the
// keypad, a call whose callbacks cannot be delivered, a fault rule), and saves the page.
// Usage: npm run screenshot        (needs Debian's chromium; see scripts/ensure-chromium.mjs)
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs', 'dashboard.png');

function node(args) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout.trim();
}

node(['scripts/ensure-ready.mjs']);
const executablePath = node(['scripts/ensure-chromium.mjs']);
const { createEmulator, DEFAULTS } = await import(join(root, 'dist', 'index.js'));

/** The app's webhook: answers 200 to every callback. */
const webhook = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200).end());
});
await new Promise((resolve) => webhook.listen(0, '127.0.0.1', resolve));
const webhookUrl = `http://127.0.0.1:${webhook.address().port}/api/callbacks`;

const emulator = createEmulator({
  ...DEFAULTS,
  port: 0,
  logLevel: 'silent',
  connectDelayMs: 50,
  deliveryMaxAttempts: 2,
  deliveryBackoffMs: 50,
  deliveryTimeoutMs: 1_000,
});
const { url, connectionString } = await emulator.start();
const client = new CallAutomationClient(connectionString, {
  allowInsecureConnection: true,
  retryOptions: { maxRetries: 0 },
});
const admin = (path, body) =>
  globalThis.fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const until = async (check) => {
  for (let i = 0; i < 200 && !(await check()); i++) await sleep(25);
};

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  await page.goto(url);
  await page.getByTestId('stream-status').filter({ hasText: 'live' }).waitFor();

  // A call the app cannot be reached for: its callbacks fail.
  await client.createCall(
    { targetParticipant: { phoneNumber: '+14255550199' } },
    'http://127.0.0.1:9/gone',
  );
  // The call we look at: connected, recognising tones, the caller presses 1 2 # on the keypad.
  const created = await client.createCall(
    { targetParticipant: { phoneNumber: '+14255550123' } },
    webhookUrl,
    {
      operationContext: 'support-line',
    },
  );
  const id = created.callConnectionProperties.callConnectionId;
  await until(() => emulator.calls.get(id)?.state === 'connected');
  await created.callConnection
    .getCallMedia()
    .startContinuousDtmfRecognition({ phoneNumber: '+14255550123' }, { operationContext: 'menu' });
  await admin('admin/faults', {
    id: 'slow-play',
    match: { operation: 'CallMedia_Play' },
    action: { type: 'delay', ms: 1500 },
    times: 3,
  });
  const panel = page.locator(`[data-testid=call-panel][data-call-id="${id}"]`);
  await page.locator(`[data-testid=call][data-call-id="${id}"]`).click();
  for (const key of ['1', '2', '#']) await panel.getByTestId(`key-${key}`).click();
  await panel.getByTestId('timeline-entry').filter({ hasText: 'ToneReceived' }).nth(2).waitFor();
  await until(() => emulator.delivery.journal.list({ status: 'failed' }).length > 0);
  await panel
    .getByTestId('timeline-entry')
    .filter({ hasText: 'caller pressed one' })
    .getByRole('button')
    .click();
  await page.waitForTimeout(300); // let the last frame draw
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await emulator.stop(200);
  webhook.close();
}
