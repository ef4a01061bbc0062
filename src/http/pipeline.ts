/**
 * Runs a fixed list of middlewares in order as one middleware, with Express 5's own rules for each
 * step: a throw or a rejected promise is an error for the error handler, `next()` goes on to the
 * next step, `next(error)` leaves the list with that error, and past the last step the request
 * goes on to whatever follows the list in the app.
 *
 * Why not a Router: every ACS request walks the whole list, and a Router pays per step for path
 * matching, URL parsing, parameter processing and prefix trimming that these steps never use (the
 * list is mounted once, under its API's paths). That showed up in the mission route's profile.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Express 5's value for a rejected promise that carried no reason. */
const rejectedWithout = () => new Error('Rejected promise');

export function pipeline(steps: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const next = (err?: unknown): void => {
      // A Router's words: 'router' leaves it; 'route' means nothing to a middleware list.
      if (err === 'router') return done();
      if (err && err !== 'route') return done(err);
      const step = steps[index++];
      if (!step) return done();
      try {
        const returned: unknown = step(req, res, next);
        if (returned instanceof Promise)
          returned.then(undefined, (error: unknown) => {
            next(error ?? rejectedWithout());
          });
      } catch (error) {
        next(error);
      }
    };
    next();
  };
}
