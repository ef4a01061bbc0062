/**
 * The dashboard in real headless Chromium against a real emulator: a call made with the SDK
 * appears without a reload, the keypad's 1, 2, # reach the app's callback listener and the
 * timeline, a fault rule added through the form is listed (and its problems shown inline), a
 * failed delivery shows as failed, and --admin-key makes the page ask for the key.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { buildDashboard, launchChromium } from '../helpers/browser.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { testConfig } from '../helpers/emulator.js';
import type { Config } from '../../src/config.js';

const WAIT = { timeout: 15_000 };

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/gone`;
}

describe('dashboard in Chromium', () => {
  let dashboardDir: string;
  let browser: Browser;
  const emulators: Emulator[] = [];
  const start = async (overrides: Partial<Config>) => {
    const emulator = createEmulator(testConfig(overrides), { dashboardDir });
    emulators.push(emulator);
    return { emulator, ...(await emulator.start()) };
  };

  before(async () => {
    dashboardDir = buildDashboard();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const e of emulators) await e.stop(500);
  });

  describe('driving calls', () => {
    let listener: CallbackListener;
    let page: Page;
    let client: CallAutomationClient;
    const pageErrors: string[] = [];

    before(async () => {
      const running = await start({ deliveryMaxAttempts: 2 });
      listener = await startCallbackListener();
      client = new CallAutomationClient(running.connectionString, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });
      page = await browser.newPage();
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await page.goto(running.url);
      await page.getByTestId('stream-status').filter({ hasText: 'live' }).waitFor(WAIT);
    });
    after(async () => {
      await page?.close();
      await listener?.close();
      assert.deepEqual(pageErrors, [], 'no script errors on the page');
    });

    it('shows a new call live; the keypad presses 1, 2, # and the tones reach the app and the timeline', async () => {
      const created = await client.createCall(
        { targetParticipant: { phoneNumber: '+14255550123' } },
        listener.url(),
      );
      const id = created.callConnectionProperties.callConnectionId as string;
      const row = page.locator(`[data-testid=call][data-call-id="${id}"]`);
      await row.getByTestId('call-state').filter({ hasText: 'connected' }).waitFor(WAIT);
      await created.callConnection
        .getCallMedia()
        .startContinuousDtmfRecognition(
          { phoneNumber: '+14255550123' },
          { operationContext: 'ui' },
        );

      await row.click();
      const panel = page.locator(`[data-testid=call-panel][data-call-id="${id}"]`);
      await panel.waitFor(WAIT);
      for (const key of ['1', '2', '#']) {
        await panel.getByTestId(`key-${key}`).click();
        // One key at a time, so the order the app hears is the order pressed.
        await panel
          .getByTestId('timeline-entry')
          .filter({ hasText: `caller pressed ${{ '1': 'one', '2': 'two', '#': 'pound' }[key]}` })
          .waitFor(WAIT);
      }

      const tones = await listener.waitForCount(
        (c) =>
          c.event.kind === 'ContinuousDtmfRecognitionToneReceived' &&
          c.event.callConnectionId === id,
        3,
      );
      assert.deepEqual(
        tones.map((t) => t.event.tone),
        ['one', 'two', 'pound'],
      );
      const delivered = panel
        .getByTestId('timeline-entry')
        .filter({ hasText: 'ContinuousDtmfRecognitionToneReceived → delivered' });
      await delivered.nth(2).waitFor(WAIT);
      assert.equal(await delivered.count(), 3);

      // Each press comes before the tone it caused.
      const summaries = await panel.getByTestId('timeline-summary').allTextContents();
      const at = (text: string, nth = 0) =>
        summaries.map((t, i) => (t.startsWith(text) ? i : -1)).filter((i) => i >= 0)[nth] ?? -1;
      for (const [nth, tone] of ['one', 'two', 'pound'].entries())
        assert.ok(
          at(`caller pressed ${tone}`) < at('ContinuousDtmfRecognitionToneReceived', nth),
          `${tone}: ${summaries.join(' | ')}`,
        );

      // Rows open to their JSON.
      await delivered.first().getByRole('button').click();
      const json = await delivered.first().locator('pre.json').textContent();
      assert.match(json ?? '', /"tone": "one"/);
    });

    it("adds a fault rule through the form, shows the emulator's problems inline, lists and removes it", async () => {
      const form = page.getByTestId('fault-form');
      await form.getByTestId('fault-id').fill('ui-rule');
      await form.getByTestId('fault-operation').fill('CreateCall');
      await form.getByTestId('fault-params').fill('{ "status": 503 }');
      await form.getByTestId('fault-probability').fill('5');
      await form.getByTestId('fault-add').click();
      const problem = form
        .locator('label', { hasText: 'probability' })
        .getByTestId('fault-problems');
      await problem.waitFor(WAIT);
      assert.match((await problem.textContent()) ?? '', /probability/);
      assert.equal(await page.getByTestId('fault-rule').count(), 0);

      await form.getByTestId('fault-probability').fill('');
      await form.getByTestId('fault-times').fill('2');
      await form.getByTestId('fault-add').click();
      const rule = page.locator('[data-testid=fault-rule][data-rule-id="ui-rule"]');
      await rule.waitFor(WAIT);
      assert.match(
        (await rule.textContent()) ?? '',
        /"operation":"CreateCall".*"status":503.*2 left/,
      );
      const listed = (await emulators[0]?.faults.rules.list()) ?? [];
      assert.deepEqual(
        listed.map((r) => [r.id, r.action]),
        [['ui-rule', { type: 'error', status: 503 }]],
      );

      await rule.getByTestId('fault-remove').click();
      await rule.waitFor({ state: 'detached', ...WAIT });
      assert.equal(emulators[0]?.faults.rules.size, 0);
    });

    it('shows a callback that could not be delivered as failed', async () => {
      const created = await client.createCall(
        { targetParticipant: { phoneNumber: '+14255550199' } },
        await closedPortUrl(),
      );
      const id = created.callConnectionProperties.callConnectionId as string;
      await page.locator(`[data-testid=call][data-call-id="${id}"]`).click();
      const failed = page
        .locator(`[data-testid=call-panel][data-call-id="${id}"]`)
        .locator('[data-testid=timeline-entry][data-failed=true]')
        .filter({ hasText: 'CallConnected → failed (2 attempts)' });
      await failed.waitFor(WAIT);
      // CallConnected and the ParticipantsUpdated behind it both go to the dead webhook.
      const badge = page
        .locator(`[data-testid=call][data-call-id="${id}"]`)
        .getByTestId('call-failures');
      await badge.filter({ hasText: /^2 failed$/ }).waitFor(WAIT);
      assert.equal(await badge.textContent(), '2 failed', 'the call stands out in the list');
      // Runs in the page; the test's own typings know no DOM.
      const color = await failed
        .getByTestId('timeline-summary')
        .evaluate(
          (el) =>
            (
              globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
            ).getComputedStyle(el).color,
        );
      assert.equal(color, 'rgb(196, 49, 75)', 'failed rows stand out');
    });
  });

  describe('with --admin-key', () => {
    it('asks for the key, refuses a wrong one, and goes live with the right one', async () => {
      const running = await start({ adminKey: 'dashboard-key-1' });
      const page = await browser.newPage();
      try {
        await page.goto(`${running.url}dashboard`);
        const prompt = page.getByTestId('key-prompt');
        await prompt.waitFor(WAIT);
        await prompt.getByTestId('key-input').fill('not-the-key');
        await prompt.getByRole('button', { name: 'Use key' }).click();
        await prompt.getByRole('alert').filter({ hasText: 'refused' }).waitFor(WAIT);
        await prompt.getByTestId('key-input').fill('dashboard-key-1');
        await prompt.getByRole('button', { name: 'Use key' }).click();
        await page.getByTestId('stream-status').filter({ hasText: 'live' }).waitFor(WAIT);
        // The page's own writes carry the key and a JSON content type.
        await page.getByTestId('incoming-form').getByRole('button', { name: 'Ring' }).click();
        await page
          .getByTestId('incoming-form')
          .getByRole('status')
          .filter({ hasText: 'Ringing' })
          .waitFor(WAIT);
        assert.equal(running.emulator.calls.incoming.list().length, 1);
      } finally {
        await page.close();
      }
    });
  });
});
