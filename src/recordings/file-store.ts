/**
 * Where recording files live: in memory within a byte bound (the oldest documents are evicted,
 * each eviction logged), or in a folder. A document is one chunk: its audio and its metadata.
 * Reset deletes every file.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

export type FilePart = 'content' | 'metadata';

export interface StoredDocument {
  documentId: string;
  contentType: string;
  /** File extension of the content, e.g. `wav`. */
  extension: string;
}

export interface FileStoreOptions {
  folder?: string;
  memoryLimitBytes: number;
  logger: Logger;
}

interface Entry extends StoredDocument {
  content?: Buffer;
  metadata?: Buffer;
  bytes: number;
}

const DOCUMENT_ID = /^[A-Za-z0-9-]{1,100}$/;

export class RecordingFileStore {
  /** Insertion order is age order: the first entry is the oldest. */
  private readonly documents = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly options: FileStoreOptions) {
    if (options.folder) mkdirSync(options.folder, { recursive: true });
  }

  put(document: StoredDocument, content: Buffer, metadata: Buffer): void {
    const { folder } = this.options;
    if (folder) {
      writeFileSync(this.pathOf(document.documentId, document.extension), content);
      writeFileSync(this.pathOf(document.documentId, 'json'), metadata);
      this.documents.set(document.documentId, { ...document, bytes: 0 });
      return;
    }
    const size = content.length + metadata.length;
    this.documents.set(document.documentId, { ...document, content, metadata, bytes: size });
    this.bytes += size;
    this.evict();
  }

  get(documentId: string): StoredDocument | undefined {
    const entry = this.documents.get(documentId);
    return entry
      ? {
          documentId: entry.documentId,
          contentType: entry.contentType,
          extension: entry.extension,
        }
      : undefined;
  }

  read(documentId: string, part: FilePart): Buffer | undefined {
    const entry = this.documents.get(documentId);
    if (!entry) return undefined;
    if (!this.options.folder) return part === 'content' ? entry.content : entry.metadata;
    const file = this.pathOf(documentId, part === 'content' ? entry.extension : 'json');
    return existsSync(file) ? readFileSync(file) : undefined;
  }

  delete(documentId: string): boolean {
    const entry = this.documents.get(documentId);
    if (!entry) return false;
    this.documents.delete(documentId);
    this.bytes -= entry.bytes;
    if (this.options.folder) {
      rmSync(this.pathOf(documentId, entry.extension), { force: true });
      rmSync(this.pathOf(documentId, 'json'), { force: true });
    }
    return true;
  }

  get size(): number {
    return this.documents.size;
  }

  /** Deletes every file (POST /admin/reset). */
  reset(): void {
    for (const id of [...this.documents.keys()]) this.delete(id);
  }

  private evict(): void {
    for (const [id, entry] of this.documents) {
      if (this.bytes <= this.options.memoryLimitBytes || this.documents.size <= 1) return;
      this.delete(id);
      this.options.logger.warn(
        { documentId: id, bytes: entry.bytes, limit: this.options.memoryLimitBytes },
        'recording file evicted: --recording-memory-limit-bytes reached',
      );
    }
  }

  private pathOf(documentId: string, extension: string): string {
    // Ids come from us, but a path never takes a string we did not check.
    if (!DOCUMENT_ID.test(documentId)) throw new Error(`bad documentId '${documentId}'`);
    return join(this.options.folder as string, `${documentId}.${extension}`);
  }
}
