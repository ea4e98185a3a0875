/**
 * `GET /api/status` (the current status), `GET /api/status/events` (SSE: the current
 * status on connect, then an event `status` whenever it changes) and
 * `POST /api/status/ack-failure` (the user has seen the last failed run; answers the new
 * status). A slow client only ever has the newest status pending, never a queue.
 */
import Router from '@koa/router';
import { emptyBodySchema } from '../contract/common.js';
import { openSse } from '../server/sse.js';
import { parseBody } from '../server/validate.js';
import type { Services } from '../services.js';

export function statusRoutes(services: Pick<Services, 'status' | 'sseHub' | 'clock'>): Router {
  const router = new Router();
  const deps = { status: services.status, hub: services.sseHub, clock: services.clock };

  router.get('/status', (ctx) => {
    ctx.body = deps.status.current();
  });

  router.post('/status/ack-failure', async (ctx) => {
    parseBody(emptyBodySchema, ctx.request.body);
    ctx.body = await deps.status.acknowledgeFailure();
  });

  router.get('/status/events', (ctx) => {
    const connection = openSse(ctx, { hub: deps.hub, clock: deps.clock });
    let sending = false;
    let pending = false;
    const push = async () => {
      if (sending) {
        pending = true;
        return;
      }
      sending = true;
      do {
        pending = false;
        if (!connection.send({ event: 'status', data: deps.status.current() })) await connection.drained();
      } while (pending && !connection.closed);
      sending = false;
    };
    const off = deps.status.onChange(() => void push());
    connection.onClose(off);
    void push();
  });

  return router;
}
