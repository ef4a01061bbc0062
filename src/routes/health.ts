/** GET /health: liveness for Docker and test containers, no auth. */
import { Router } from 'express';
import type { EmulatorState } from '../state.js';

export const EMULATOR_VERSION = '0.1.0';

export function healthRouter(state: EmulatorState): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      version: EMULATOR_VERSION,
      uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
      calls: state.calls.size,
      pendingCallbacks: state.delivery.pending,
    });
  });
  return router;
}
