/**
 * Authentication for ACS routes: HMAC-SHA256 (access key) or Bearer. Each failure is a 401 with its
 * own message; see errors.ts for the codes.
 */
import type { Request, RequestHandler, Response } from 'express';
import { errors, type AcsError } from './errors.js';
import { bodyHashOf } from './acs-context.js';
import { checkBearerToken } from './bearer.js';
import { constantTimeEqual, parseHmacHeader, signer, stringToSign } from './hmac.js';

export interface AuthOptions {
  accessKey: string;
  dateWindowSeconds: number;
  /** Wall-clock time; client signatures use real time even when the emulator's clock is manual. */
  now: () => number;
  /**
   * Checks an ACS user token (a Bearer JWT with a `skypeid` claim) against the users the
   * emulator issued it to: refused once its user is deleted or its tokens revoked.
   */
  userTokens?: (token: string) => { ok: true } | { ok: false; why: string };
  /**
   * The header whose value was signed as `host`. The recording storage checks `x-ms-host`: the SDK
   * signs a download for the ACS endpoint's host, then sends it to the storage host.
   */
  signedHost?: 'host' | 'x-ms-host';
}

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Returns the error for a request that fails authentication, or undefined when it passes. */
export function checkAuth(
  req: Request,
  options: AuthOptions,
  sign: (message: string) => string = signer(options.accessKey),
  res?: Response,
): AcsError | undefined {
  const authorization = header(req, 'authorization');
  if (!authorization) return errors.authMissing();
  if (/^bearer\s/i.test(authorization)) {
    const token = authorization.replace(/^bearer\s+/i, '');
    const result = checkBearerToken(token, options.now(), options.dateWindowSeconds);
    if (!result.ok) return errors.authBearerInvalid(result.why);
    if (typeof result.claims.skypeid === 'string' && options.userTokens) {
      const user = options.userTokens(token);
      if (!user.ok) return errors.authBearerInvalid(user.why);
    }
    return undefined;
  }
  if (!/^HMAC-SHA256\s/i.test(authorization)) {
    return errors.authMalformed("the scheme must be 'HMAC-SHA256' or 'Bearer'");
  }
  const parsed = parseHmacHeader(authorization);
  if (!parsed.ok) return errors.authMalformed(parsed.why);

  const date = header(req, 'x-ms-date');
  const dateMs = date ? Date.parse(date) : NaN;
  if (!date || Number.isNaN(dateMs)) return errors.authDateMissing();
  const skewSeconds = (dateMs - options.now()) / 1000;
  if (Math.abs(skewSeconds) > options.dateWindowSeconds) {
    return errors.authDateOutOfWindow(date, skewSeconds, options.dateWindowSeconds);
  }

  const claimedHash = header(req, 'x-ms-content-sha256');
  if (!claimedHash) return errors.authContentHashMissing();
  const actualHash = bodyHashOf(req.body, res);
  if (!constantTimeEqual(Buffer.from(claimedHash), Buffer.from(actualHash))) {
    return errors.authContentHashMismatch();
  }

  const host =
    (options.signedHost === 'x-ms-host' ? header(req, 'x-ms-host') : undefined) ??
    header(req, 'host') ??
    '';
  const message = stringToSign(req.method, req.originalUrl, date, host, actualHash);
  const expected = Buffer.from(sign(message), 'base64');
  if (!constantTimeEqual(parsed.signature, expected)) return errors.authSignatureMismatch(message);
  return undefined;
}

export function auth(options: AuthOptions): RequestHandler {
  // Decode the access key once, not on every request.
  const sign = signer(options.accessKey);
  return (req, res, next) => {
    const error = checkAuth(req, options, sign, res);
    if (error) throw error;
    next();
  };
}
