/** The recording file store: the memory bound evicts the oldest (logged), a folder holds files, reset deletes. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pino from 'pino';
import { RecordingFileStore } from '../../src/recordings/file-store.js';
import { newDocumentId, newRecordingId } from '../../src/recordings/recording-ids.js';

const doc = (documentId: string) => ({ documentId, contentType: 'audio/wav', extension: 'wav' });

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('recording file store', () => {
  it('keeps files within the memory bound by evicting the oldest, logging each eviction', () => {
    const { logger, lines } = capturingLogger();
    const store = new RecordingFileStore({ memoryLimitBytes: 250, logger });
    store.put(doc('a'), Buffer.alloc(100), Buffer.alloc(10));
    store.put(doc('b'), Buffer.alloc(100), Buffer.alloc(10));
    assert.equal(store.size, 2);
    store.put(doc('c'), Buffer.alloc(100), Buffer.alloc(10));
    assert.equal(store.read('a', 'content'), undefined, 'the oldest went first');
    assert.equal(store.read('b', 'content')?.length, 100);
    assert.equal(store.read('c', 'metadata')?.length, 10);
    assert.deepEqual(
      lines.map((l) => l.documentId),
      ['a'],
    );
    assert.match(String(lines[0]?.msg), /recording-memory-limit-bytes/);
    store.reset();
    assert.equal(store.size, 0);
    assert.equal(store.get('b'), undefined);
  });

  it('a folder holds the files; delete and reset remove them from disk', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'files-')), 'nested');
    try {
      const store = new RecordingFileStore({
        folder,
        memoryLimitBytes: 1024,
        logger: pino({ level: 'silent' }),
      });
      const one = newDocumentId();
      const two = newDocumentId();
      store.put(doc(one), Buffer.from('RIFF'), Buffer.from('{}'));
      store.put(doc(two), Buffer.alloc(5_000), Buffer.from('{}'));
      assert.deepEqual(
        (await readdir(folder)).sort(),
        [`${one}.json`, `${one}.wav`, `${two}.json`, `${two}.wav`].sort(),
      );
      assert.equal(store.read(one, 'content')?.toString(), 'RIFF');
      assert.equal(store.delete(one), true);
      assert.equal(existsSync(join(folder, `${one}.wav`)), false);
      assert.equal(store.delete(one), false);
      store.reset();
      assert.deepEqual(await readdir(folder), []);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('ids look like the service’s and travel in a URL path unescaped', () => {
    for (let i = 0; i < 200; i++) {
      const id = newRecordingId();
      assert.match(id, /^[A-Za-z0-9]+$/);
      assert.equal(encodeURIComponent(id), id);
      const json = JSON.parse(Buffer.from(id, 'base64').toString('utf8')) as Record<string, string>;
      assert.deepEqual(Object.keys(json), ['PlatformEndpointId', 'ResourceSpecificId']);
    }
    assert.match(newDocumentId(), /^0-eus-d2-[0-9a-f]{32}$/);
  });
});
