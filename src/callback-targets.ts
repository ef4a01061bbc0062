/**
 * The one check of every URL the emulator will POST to (callbackUri, operationCallbackUri, the
 * IncomingCall webhookUrl, and whatever comes later): http or https, on a host --callback-allow
 * permits, never the emulator's own listening address (a callback to /admin/reset would wipe
 * every call, and the journal would work as a port scanner of the emulator itself), and never a
 * link-local address (169.254.169.254 is where cloud metadata services hand out credentials),
 * unless a setting says so. Every refusal names the switch that relaxes it.
 *
 * Hosts are checked as written, without a DNS lookup: a name that resolves to a refused address
 * is not caught (the README says so).
 */
import { hostname, networkInterfaces } from 'node:os';

export interface CallbackTargetRules {
  /** --callback-allow: `host`, `host:port`, `*.domain`; empty allows any host. */
  allow: readonly string[];
  /** --callback-allow-self */
  allowSelf: boolean;
  /** --callback-allow-link-local */
  allowLinkLocal: boolean;
}

const ALLOW_SELF = '--callback-allow-self (ACS_EMULATOR_CALLBACK_ALLOW_SELF=true)';
const ALLOW_LINK_LOCAL =
  '--callback-allow-link-local (ACS_EMULATOR_CALLBACK_ALLOW_LINK_LOCAL=true)';

/** The host as an address, brackets gone and IPv4-mapped IPv6 written as IPv4. */
function bare(host: string): string {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped) {
    const hi = parseInt(mapped[1] as string, 16);
    const lo = parseInt(mapped[2] as string, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return h.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

export function isLinkLocal(host: string): boolean {
  const h = bare(host);
  return /^169\.254\.\d+\.\d+$/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h);
}

/** Addresses that reach this machine whatever it binds: loopback and the unspecified address. */
function isLocalAddress(host: string): boolean {
  const h = bare(host);
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    h === '::' ||
    h === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(h)
  );
}

function hostAllowed(url: URL, allow: readonly string[]): boolean {
  if (allow.length === 0) return true;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allow.some((entry) => {
    const [pattern, allowedPort] = entry.startsWith('[')
      ? [entry.slice(0, entry.indexOf(']') + 1), entry.split(']:')[1]]
      : entry.split(':');
    if (allowedPort !== undefined && allowedPort !== port) return false;
    if (pattern?.startsWith('*.')) return host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}

const portOf = (url: URL): number => Number(url.port || (url.protocol === 'https:' ? '443' : '80'));

export class CallbackTargets {
  /** `host:port` pairs (bare hosts) that are the emulator itself, beyond loopback on its port. */
  private readonly selfPairs = new Set<string>();
  private readonly selfPorts = new Set<number>();
  /** This machine's names and interface addresses, read when first needed. */
  private machine: Set<string> | undefined;

  constructor(readonly rules: CallbackTargetRules) {}

  private get machineHosts(): Set<string> {
    if (!this.machine) {
      this.machine = new Set([hostname().toLowerCase()]);
      for (const list of Object.values(networkInterfaces()))
        for (const info of list ?? []) this.machine.add(bare(info.address));
    }
    return this.machine;
  }

  /**
   * Records an address the emulator listens on (its bound host and port, and any public URL it
   * announces); a port 0 is ignored (not bound yet).
   */
  addSelf(host: string, port: number): void {
    if (port === 0) return;
    this.selfPorts.add(port);
    this.selfPairs.add(`${bare(host)}:${port}`);
  }

  /** Whether the URL reaches the emulator itself. */
  isSelf(url: URL): boolean {
    const port = portOf(url);
    const host = bare(url.hostname);
    if (this.selfPairs.has(`${host}:${port}`)) return true;
    if (!this.selfPorts.has(port)) return false;
    return isLocalAddress(host) || this.machineHosts.has(host);
  }

  /** The problem with `value` as a URL to POST to, or undefined when it may be used. */
  problem(value: string, path: string): string | undefined {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `${path} must be an absolute http or https URL (got '${value}')`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `${path} must use http or https (got '${url.protocol.slice(0, -1)}')`;
    if (!hostAllowed(url, this.rules.allow))
      return `${path} host '${url.host}' is not allowed; --callback-allow (ACS_EMULATOR_CALLBACK_ALLOW) permits ${this.rules.allow.join(', ')}`;
    if (!this.rules.allowLinkLocal && isLinkLocal(url.hostname))
      return `${path} host '${url.host}' is a link-local address (169.254.0.0/16, fe80::/10, where cloud metadata services live); to allow it, start the emulator with ${ALLOW_LINK_LOCAL}`;
    if (!this.rules.allowSelf && this.isSelf(url))
      return `${path} '${url.host}' is the emulator's own address: a callback there would drive the emulator itself (a POST to /admin/reset wipes every call); point it at your app, or start the emulator with ${ALLOW_SELF}`;
    return undefined;
  }
}
