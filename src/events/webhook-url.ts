/**
 * Callback URLs parsed once. Every event to a URL needed it parsed three or four times (its
 * destination for the pending counts when queued and when settled, then again by the POST and by
 * node:http), and at thousands of events a second the parser was a visible share of the CPU.
 *
 * This is a memo of a pure function, not a store: the same string always parses the same way,
 * so nothing here needs a reset, and a URL that drops out is simply parsed again. It is bounded,
 * since every call may have a callback URL of its own.
 */
import { urlToHttpOptions } from 'node:url';
import { safeUrl } from '../safe-url.js';

/** URLs remembered; past this, the oldest goes first. */
const MEMO_LIMIT = 1024;

export interface WebhookUrl {
  /**
   * Scheme, host and port (`new URL(url).origin`), or the string itself when it does not parse:
   * where a pending count is kept.
   */
  origin: string;
  /** Why nothing can be posted to it, when so. */
  problem?: string;
  protocol?: 'http:' | 'https:';
  /**
   * Host, port, path and credentials, as node:http derives them from a URL (`urlToHttpOptions`),
   * keeping only the fields node:http reads.
   */
  options?: RequestTarget;
}

/** The request options a URL gives, as a plain object with one fixed shape. */
export interface RequestTarget {
  protocol: 'http:' | 'https:';
  hostname: string | undefined;
  port: number | undefined;
  path: string | undefined;
  auth: string | undefined;
}

const memo = new Map<string, WebhookUrl>();

/** The parsed form of `url`, from the memo when it was seen lately. */
export function webhookUrl(url: string): WebhookUrl {
  const known = memo.get(url);
  if (known) return known;
  const parsed = parse(url);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(url, parsed);
  return parsed;
}

function parse(url: string): WebhookUrl {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { origin: url, problem: `invalid callback URL '${safeUrl(url)}'` };
  }
  const protocol = target.protocol;
  if (protocol !== 'http:' && protocol !== 'https:')
    return {
      origin: target.origin,
      problem: `unsupported callback URL scheme '${protocol}' (use http or https)`,
    };
  // urlToHttpOptions answers a prototype-less object, which V8 keeps in slow dictionary mode; the
  // fields are copied into a plain object once here, not at every POST. Frozen: every POST to the
  // URL reads it, so none may change it.
  const options = urlToHttpOptions(target);
  const request: RequestTarget = {
    protocol,
    hostname: options.hostname ?? undefined,
    port: options.port === undefined || options.port === null ? undefined : Number(options.port),
    path: options.path ?? undefined,
    auth: options.auth ?? undefined,
  };
  return { origin: target.origin, protocol, options: Object.freeze(request) };
}
