/**
 * Whether the control API is open to the network: bound beyond loopback with no --admin-key,
 * anyone who reaches the port can reset the emulator, place calls and inject faults. The warning
 * goes to the start-up log, to GET /health (`controlPlane`) and so to the dashboard.
 */
import type { Config } from './settings.js';

export interface ControlPlaneExposure {
  /** --admin-key is set. */
  protected: boolean;
  /** Bound to an address other hosts can reach (anything but loopback). */
  networkBound: boolean;
  /** Set when the control API is reachable from the network without a key. */
  warning?: string;
}

/** A host that only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    /^::ffff:127\.\d+\.\d+\.\d+$/.test(h)
  );
}

export function controlPlaneExposure(
  config: Pick<Config, 'host' | 'adminKey'>,
): ControlPlaneExposure {
  const isProtected = config.adminKey !== undefined && config.adminKey !== '';
  const networkBound = !isLoopbackHost(config.host);
  return {
    protected: isProtected,
    networkBound,
    ...(networkBound && !isProtected
      ? {
          warning: `The control API (/admin) is open to anyone who can reach ${config.host}: they can reset the emulator, place calls and inject faults. Set --admin-key (ACS_EMULATOR_ADMIN_KEY) or bind to 127.0.0.1 (--host).`,
        }
      : {}),
  };
}
