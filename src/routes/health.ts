/** GET /health: liveness for Docker and test containers, no auth. */
import { Router } from 'express';
import type { ControlPlaneExposure } from '../config.js';
import type { EmulatorState } from '../state.js';

export const EMULATOR_VERSION = '0.1.0';

/**
 * `controlPlane` tells whether the control API is guarded and reachable from the network; its
 * `warning` (present only when open to the network without a key) is what the dashboard shows.
 */
export function healthRouter(state: EmulatorState, controlPlane?: ControlPlaneExposure): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      version: EMULATOR_VERSION,
      uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
      calls: state.calls.size,
      pendingCallbacks: state.delivery.pending,
      ...(controlPlane ? { controlPlane } : {}),
    });
  });
  return router;
}
