import {
  Catch,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  UseFilters,
  UseGuards,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AdminTokenGuard } from '@tapcharge/service-runtime';
import { SessionAdmin, SessionAdminError, type SessionAdminErrorCode } from './session-admin';

export const SESSION_ADMIN = Symbol('SESSION_ADMIN');

const STATUS: Record<SessionAdminErrorCode, number> = {
  'SESSION.INVALID_QUERY': 400,
  'SESSION.NOT_FOUND': 404,
  'SESSION.ALREADY_ENDED': 409,
  'SESSION.AMBIGUOUS_REFERENCE': 409,
};

/** Coded errors become `{ error: { code, message } }`, the shape of the other services' admin APIs. */
@Catch(SessionAdminError)
export class SessionAdminErrorFilter implements ExceptionFilter {
  catch(err: SessionAdminError, host: ArgumentsHost): void {
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(STATUS[err.code])
      .send({ error: { code: err.code, message: err.message } });
  }
}

/** The session engine's operator API (Bearer ADMIN_TOKEN), used by `npm run admin -- session ...`. */
@Controller('admin/sessions')
@UseGuards(AdminTokenGuard)
@UseFilters(SessionAdminErrorFilter)
export class AdminSessionsController {
  constructor(@Inject(SESSION_ADMIN) private readonly admin: SessionAdmin) {}

  @Get()
  async list(@Query('active') active: unknown, @Query('limit') limit: unknown) {
    return { sessions: await this.admin.list({ active, limit }) };
  }

  @Get(':authorizationReference')
  show(@Param('authorizationReference') ref: string, @Query('party') party: unknown) {
    return this.admin.show(ref, party);
  }

  /** 202: the stop travels through Kafka; `GET` shows the session move to STOPPING and COMPLETED. */
  @Post(':authorizationReference/stop')
  @HttpCode(202)
  stop(@Param('authorizationReference') ref: string, @Query('party') party: unknown) {
    return this.admin.requestStop(ref, party);
  }
}
