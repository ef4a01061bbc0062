/**
 * The ACS middleware list against an Express Router holding the same steps: for every way a step
 * can end (answer, next, throw, reject, next(error), the Router's own words) both give the same
 * answer, and the steps see the same mounted URL.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { pipeline } from '../../src/http/pipeline.js';

type Steps = RequestHandler[];

/** Steps that note what they saw, then end the way the case says. */
const seen =
  (name: string): RequestHandler =>
  (req, res, next) => {
    res.locals.trail = [...((res.locals.trail as string[] | undefined) ?? []), name];
    res.locals.urls = `${req.baseUrl} ${req.url}`;
    next();
  };

const ANSWERS: Steps = [
  seen('a'),
  seen('b'),
  (_req, res) => {
    res.json({ trail: res.locals.trail, urls: res.locals.urls });
  },
];

const CASES: Record<string, Steps> = {
  'every step goes on, the last answers': ANSWERS,
  'a step throws': [
    seen('a'),
    () => {
      throw Object.assign(new Error('thrown'), { status: 418 });
    },
    seen('never'),
  ],
  'an async step rejects': [
    seen('a'),
    async () => {
      throw Object.assign(new Error('rejected'), { status: 409 });
    },
    seen('never'),
  ],
  'an async step rejects with no reason': [
    // The Promise type is the point of this step: a rejection that carries nothing.
    () => Promise.reject(undefined as unknown as Error),
  ],
  'an async step goes on': [
    async (_req, _res, next) => {
      await Promise.resolve();
      next();
    },
    (_req, res) => {
      res.json({ async: true });
    },
  ],
  'a step passes an error': [
    seen('a'),
    (_req, _res, next) => next(Object.assign(new Error('passed'), { status: 422 })),
    seen('never'),
  ],
  'every step goes on and none answers': [seen('a'), seen('b')],
  "a step says 'router'": [seen('a'), (_req, _res, next) => next('router'), seen('never')],
  "a step says 'route'": [
    (_req, _res, next) => next('route'),
    (_req, res) => {
      res.json({ afterRoute: true });
    },
  ],
};

function appWith(mount: (steps: Steps) => RequestHandler, steps: Steps): express.Express {
  const app = express();
  app.use('/calling', mount(steps));
  app.use((req, res) => {
    res.status(404).json({ fellThrough: `${req.baseUrl} ${req.url}`, trail: res.locals.trail });
  });
  const onError: ErrorRequestHandler = (err: Error & { status?: number }, _req, res, _next) => {
    res.status(err.status ?? 500).json({ error: err.message, trail: res.locals.trail });
  };
  app.use(onError);
  return app;
}

const asRouter = (steps: Steps): RequestHandler => {
  const router = Router();
  for (const step of steps) router.use(step);
  return router;
};

describe('pipeline: the same answers as a Router of the same steps', () => {
  for (const [name, steps] of Object.entries(CASES)) {
    it(name, async () => {
      const path = '/calling/callConnections/abc:stop?api-version=1';
      const viaRouter = await request(appWith(asRouter, steps)).post(path);
      const viaList = await request(appWith(pipeline, steps)).post(path);
      assert.equal(viaList.status, viaRouter.status);
      assert.deepEqual(viaList.body, viaRouter.body);
    });
  }

  it('shows the steps the URL under the mount path', async () => {
    const res = await request(appWith(pipeline, ANSWERS))
      .post('/calling/callConnections/abc:stop?api-version=1')
      .expect(200);
    assert.deepEqual(res.body, {
      trail: ['a', 'b'],
      urls: '/calling /callConnections/abc:stop?api-version=1',
    });
  });
});
