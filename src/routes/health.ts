/** GET /health: liveness for Docker and test containers, no auth. */
import { Router } from 'express';
import type { CallRuntime } from '../domain/call-runtime.js';
import type { Delivery } from '../events/delivery.js';

export const EMULATOR_VERSION = '0.1.0';

export function healthRouter(calls: CallRuntime, delivery: Delivery, startedAt: number): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      version: EMULATOR_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      calls: calls.store.size,
      pendingCallbacks: delivery.pending,
    });
  });
  return router;
}
