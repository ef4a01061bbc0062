/**
 * Keeps web pages from driving the control API. A browser lets any page send a "simple" request
 * (a POST with `text/plain`, a form, or no body) to 127.0.0.1 without asking first, so an
 * unguarded `/admin/reset` could be hit from any site the developer visits. Two checks close that:
 * a write with a body must be `application/json` (which a page can only send after a CORS
 * preflight the emulator never grants), and a write a browser marks as cross-site (`Sec-Fetch-Site`,
 * or an `Origin` that is not the emulator's own) is refused. Clients that are not browsers (the
 * SDK, curl, tests) send neither header and are not affected.
 */
import type { RequestHandler } from 'express';
import { rawBodyOf } from './acs-context.js';
import { errors } from './errors.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `same-origin`: a page served by the emulator itself (the dashboard); `none`: typed by a person. */
const SAME_SITE = new Set(['same-origin', 'none']);

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The request's Origin is the emulator's own address (as the browser reached it). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false; // `null` (sandboxed frames, file: pages) and garbage are cross-site
  }
}

export const adminGuard: RequestHandler = (req, _res, next) => {
  if (READS.has(req.method)) return next();
  const site = header(req.headers['sec-fetch-site']);
  if (site !== undefined && !SAME_SITE.has(site.toLowerCase()))
    throw errors.adminCrossSite(`Sec-Fetch-Site: ${site}`);
  const origin = header(req.headers.origin);
  if (origin !== undefined && !sameOrigin(origin, req.headers.host))
    throw errors.adminCrossSite(`Origin: ${origin}`);
  const contentType = req.headers['content-type'];
  const hasBody = rawBodyOf(req.body).length > 0;
  if ((hasBody || contentType !== undefined) && !(contentType && JSON_TYPE.test(contentType)))
    throw errors.unsupportedContentType(contentType);
  next();
};
