/**
 * The recording storage: the content, metadata and delete locations of RecordingFileStatusUpdated
 * (`/v1/objects/{documentId}/content/audio|acsmetadata`, DELETE `/v1/objects/{documentId}`),
 * authenticated as the SDK's CallRecording signs them (HMAC for the ACS endpoint's host, sent as
 * x-ms-host), with Range requests for partial downloads.
 */
import { Router, type Request, type Response } from 'express';
import type { Config } from '../config.js';
import { checkAuth } from '../http/auth.js';
import { AcsError, errors } from '../http/errors.js';
import type { RecordingFileStore } from '../recordings/file-store.js';

/** Errors of the storage routes carry the storage's `status` and `message` fields. */
const asStorage = (error: AcsError): AcsError =>
  new AcsError(error.status, error.code, error.message, { ...error.options, storage: true });

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is ignored, as RFC 9110 allows. */
export function parseRange(header: string | undefined, size: number): ByteRange {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export function recordingFilesRouter(files: RecordingFileStore, config: Config): Router {
  const router = Router();
  router.use((req, _res, next) => {
    if (config.disableAuth) return next();
    const error = checkAuth(req, {
      accessKey: config.accessKey,
      dateWindowSeconds: config.authDateWindowSeconds,
      now: Date.now,
      signedHost: 'x-ms-host',
    });
    if (error) throw asStorage(error);
    next();
  });

  const send = (part: 'content' | 'metadata') => (req: Request, res: Response) => {
    const documentId = req.params.documentId as string;
    const stored = files.get(documentId);
    const bytes = files.read(documentId, part);
    if (!stored || !bytes) throw asStorage(errors.recordingFileNotFound(documentId));
    const range = parseRange(req.header('range'), bytes.length);
    if (range === 'unsatisfiable')
      throw asStorage(errors.rangeNotSatisfiable(req.header('range') ?? '', bytes.length));
    res.setHeader('accept-ranges', 'bytes');
    res.type(part === 'content' ? stored.contentType : 'application/json');
    if (!range) {
      res.status(200).send(bytes);
      return;
    }
    res.setHeader('content-range', `bytes ${range.start}-${range.end}/${bytes.length}`);
    res.status(206).send(bytes.subarray(range.start, range.end + 1));
  };

  router.get('/:documentId/content/audio', send('content'));
  router.get('/:documentId/content/video', send('content'));
  router.get('/:documentId/content/acsmetadata', send('metadata'));
  router.delete('/:documentId', (req, res) => {
    const documentId = req.params.documentId;
    if (!files.delete(documentId)) throw asStorage(errors.recordingFileNotFound(documentId));
    res.status(200).end();
  });
  return router;
}
