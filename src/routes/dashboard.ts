/**
 * The dashboard page at / and /dashboard, with its built assets (scripts/build-dashboard.mjs puts
 * them in dist/dashboard; nothing loads from elsewhere). The page itself needs no key: it asks for
 * the admin key and sends it on every control-API call. /dashboard/info tells it what to ask.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router, type Response } from 'express';
import type { Config } from '../config.js';

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/** Addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function sendAsset(res: Response, dir: string, name: string, type: string): void {
  const file = join(dir, name);
  if (!existsSync(file)) {
    res
      .status(503)
      .type('text/plain')
      .send(
        `The dashboard is not built (${file} is missing). Run "npm run build" (or "npm run build:dashboard") and reload.`,
      );
    return;
  }
  res.setHeader('content-type', type);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('x-content-type-options', 'nosniff');
  // The page talks only to this emulator and loads only its own files.
  res.setHeader(
    'content-security-policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'",
  );
  res.sendFile(file);
}

export function dashboardRouter(config: Config, dir: string): Router {
  const router = Router();
  const page = (_req: unknown, res: Response) =>
    sendAsset(res, dir, 'index.html', 'text/html; charset=utf-8');
  router.get('/', page);
  router.get('/dashboard', page);
  router.get('/dashboard/info', (_req, res) => {
    const adminKeyRequired = Boolean(config.adminKey);
    res.json({
      adminKeyRequired,
      host: config.host,
      // Anyone who reaches the port can drive calls: the page shows a warning.
      exposed: !isLoopback(config.host) && !adminKeyRequired,
    });
  });
  router.get('/dashboard/:asset', (req, res, next) => {
    const type = ASSETS[req.params.asset];
    if (!type) {
      next();
      return;
    }
    sendAsset(res, dir, req.params.asset, type);
  });
  return router;
}
