// A per-client limit of its own for one route, on top of the one for all of /api. (The
// plugin's rateLimit() hook runs once per request, so a second one would never count: this
// uses the plugin's counter directly.)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/** An onRequest hook answering 429 `rate-limited` once a client has made `max` requests in
 *  `timeWindow` ms; `what` names them in the message ("applications"). */
export function clientLimit(
  api: FastifyInstance,
  options: { max: number; timeWindow: number; what: string },
) {
  const count = api.createRateLimit({ max: options.max, timeWindow: options.timeWindow });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = await count(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', limit.ttlInSeconds);
      throw new ApiError(
        429,
        'rate-limited',
        `Too many ${options.what} from this device; try again in ${limit.ttlInSeconds} s.`,
      );
    }
  };
}
