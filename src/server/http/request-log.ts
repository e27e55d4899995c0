/**
 * One log line per request, written when it is answered (method, redacted URL, client address, status, time);
 * the "incoming request" line is debug only. A rate-limited refusal (429) is logged at debug level: a flood of
 * them from one client must not cost a log write each, nor bury the lines that matter.
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    } else if (reply.statusCode === 429) {
      reply.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request rate-limited');
    } else {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}
