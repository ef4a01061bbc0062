/**
 * Bring your own storage against a real Azurite: the recording's audio and metadata land in the
 * app's container as blobs (uploaded with @azure/storage-blob), then RecordingFileStatusUpdated
 * goes out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ContainerClient,
  ContainerSASPermissions,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { decodeWav } from '../../src/audio/wav.js';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import {
  AZURITE_ACCOUNT,
  AZURITE_KEY,
  startAzurite,
  type RunningAzurite,
} from '../helpers/azurite.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { PSTN } from '../helpers/call-driver.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { detectDtmf } from '../helpers/goertzel.js';

describe('recording to the app’s own blob storage (Azurite)', () => {
  let azurite: RunningAzurite;
  let running: RunningEmulator;
  let listener: CallbackListener;
  let container: ContainerClient;
  let sasUrl: string;

  before(async () => {
    azurite = await startAzurite();
    listener = await startCallbackListener();
    running = await startEmulator({
      clock: 'manual',
      eventGridWebhook: listener.url('/eventgrid'),
    });
    const credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
    container = new ContainerClient(`${azurite.accountUrl}/recordings`, credential);
    await container.create();
    const sas = generateBlobSASQueryParameters(
      {
        containerName: 'recordings',
        permissions: ContainerSASPermissions.parse('rcw'),
        expiresOn: new Date(Date.now() + 3_600_000),
      },
      credential,
    ).toString();
    sasUrl = `${azurite.accountUrl}/recordings?${sas}`;
  });
  after(async () => {
    await running.stop();
    await listener.close();
    await azurite.stop();
  });

  it('uploads the WAV and the metadata with their documented names, then announces them', async () => {
    const client = running.client();
    const control = new EmulatorClient(running.url);
    const created = await client.createCall({ targetParticipant: PSTN }, listener.url());
    const id = created.callConnectionProperties.callConnectionId as string;
    await control.advanceClock(10);
    await control.waitForEvent({ callConnectionId: id, type: 'CallConnected', timeoutMs: 20_000 });
    const started = await client.getCallRecording().start({
      callConnectionId: id,
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'wav',
      recordingStorage: {
        recordingStorageKind: 'azureBlobStorage',
        recordingDestinationContainerUrl: sasUrl,
      },
    });
    const pressed = await fetch(new URL(`admin/calls/${id}/dtmf`, running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tones: '7' }),
    });
    assert.equal(pressed.status, 202);
    await control.advanceClock(500);
    await client.getCallRecording().stop(started.recordingId);

    const event = await listener.waitFor(
      (c) => c.event.kind === 'Microsoft.Communication.RecordingFileStatusUpdated',
      20_000,
    );
    const chunk = (
      event.event.recordingStorageInfo as { recordingChunks: { documentId: string }[] }
    ).recordingChunks[0];
    assert.ok(chunk);

    const names: string[] = [];
    for await (const blob of container.listBlobsFlat()) names.push(blob.name);
    const prefix = new RegExp(
      `^\\d{8}/${created.callConnectionProperties.correlationId}/${started.recordingId}/${chunk.documentId}`,
    );
    assert.equal(names.length, 2, names.join(', '));
    assert.ok(
      names.every((n) => prefix.test(n)),
      names.join(', '),
    );
    const audioName = names.find((n) => n.endsWith('-audio.wav'));
    const metadataName = names.find((n) => n.endsWith('-acsmetadata.json'));
    assert.ok(audioName && metadataName, names.join(', '));

    const audio = await container.getBlockBlobClient(audioName).downloadToBuffer();
    const wav = decodeWav(audio);
    const samples = wav.channels[0] as Int16Array;
    const windows: (string | undefined)[] = [];
    for (let i = 0; i + 800 <= samples.length; i += 800)
      windows.push(detectDtmf(samples.subarray(i, i + 800), wav.sampleRate));
    assert.ok(windows.includes('7'), 'the pressed 7 is in the uploaded audio');
    const properties = await container.getBlockBlobClient(audioName).getProperties();
    assert.equal(properties.contentType, 'audio/wav');
    const metadata = JSON.parse(
      (await container.getBlockBlobClient(metadataName).downloadToBuffer()).toString('utf8'),
    ) as { chunkDocumentId: string };
    assert.equal(metadata.chunkDocumentId, chunk.documentId);
  });
});
