// A per-client limit of its own for one route, on top of the one for all of /api. (The
// plugin's rateLimit() hook runs once per request, so a second one would never count: this
// uses the plugin's counter directly.) With a database shared by several processes the
// count is kept there instead, so that a client's requests are counted together whichever
// process answers them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors';
import { hashOf } from './secrets';
import type { SharedLimits } from './store';

/** An onRequest hook answering 429 `rate-limited` once a client has made `max` requests in
 *  `timeWindow` ms; `what` names them in the message ("applications"). Counted in `shared`
 *  when given, else in this process. */
export function clientLimit(
  api: FastifyInstance,
  options: { max: number; timeWindow: number; what: string; shared?: SharedLimits | null },
) {
  const { shared } = options;
  const throwLimited = (seconds: number, reply: FastifyReply) => {
    reply.header('retry-after', seconds);
    throw new ApiError(
      429,
      'rate-limited',
      `Too many ${options.what} from this device; try again in ${seconds} s.`,
    );
  };
  if (shared) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      // The address is kept only as a hash, under the name of the limit.
      const key = hashOf('client-limit', `${options.what}\n${request.ip}`);
      const now = Date.now();
      const { hits, windowEnds } = await shared.hit(key, options.timeWindow, now);
      if (hits > options.max)
        throwLimited(Math.max(1, Math.ceil((windowEnds - now) / 1000)), reply);
    };
  }
  const count = api.createRateLimit({ max: options.max, timeWindow: options.timeWindow });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = await count(request);
    if (!limit.isAllowed && limit.isExceeded) throwLimited(limit.ttlInSeconds, reply);
  };
}
