/**
 * The OpenID Connect discovery document and the JWKS that verify signed callbacks, at the paths
 * the real service uses, so an app's OIDC validation code only needs another configuration URL.
 * Public and unauthenticated, as in the cloud; mounted before the ACS pipeline for that reason.
 */
import { Router } from 'express';
import {
  JWKS_PATH,
  OPENID_CONFIGURATION_PATH,
  type WebhookSigner,
} from '../events/webhook-signer.js';

export function openIdRouter(signer: WebhookSigner): Router {
  const router = Router();
  // Keys are new for every emulator run, so clients should not hold on to them.
  router.get(OPENID_CONFIGURATION_PATH, (_req, res) => {
    res.set('cache-control', 'no-cache').json(signer.openIdConfiguration());
  });
  router.get(JWKS_PATH, async (_req, res) => {
    res.set('cache-control', 'no-cache').json(await signer.jwks());
  });
  return router;
}
