import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import {
  RegisterStationInput,
  StationAlreadyRegistered,
  StationPassword,
  type RegisteredStation,
  type StationView,
} from '../../application/admin/station-admin.use-case';
import { AdminTokenGuard } from '@tapcharge/service-runtime';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new BadRequestException(z.prettifyError(r.error));
  return r.data;
}

/** Fastify's reply, as far as this controller sets it (passthrough mode). */
interface Reply {
  status(code: number): Reply;
}

/**
 * The station registry's admin API (token-protected; the operator CLI's contract, ADR 0004 §7):
 * register (201, 409 if the id exists), list and show with runtime status, rotate a password.
 */
@Controller('admin/stations')
@UseGuards(AdminTokenGuard)
export class AdminStationsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  /** Without `password` in the body one is generated and returned once as `password`. */
  @Post()
  @HttpCode(201)
  async register(@Body() body: unknown): Promise<RegisteredStation> {
    try {
      return await this.deps.admin.register(parse(RegisterStationInput, body));
    } catch (err) {
      if (err instanceof StationAlreadyRegistered) throw new ConflictException(err.message);
      throw err;
    }
  }

  @Get()
  list(): Promise<StationView[]> {
    return this.deps.admin.list();
  }

  @Get(':stationId')
  async get(@Param('stationId') stationId: string): Promise<StationView> {
    const station = await this.deps.admin.get(stationId);
    if (!station) throw new NotFoundException(`station ${stationId} is not registered`);
    return station;
  }

  /**
   * `{ "password": "..." }` sets that password (204). An empty body generates one and answers 200 with
   * `{ stationId, password }`, shown this once.
   */
  @Post(':stationId/password')
  async rotatePassword(
    @Param('stationId') stationId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<{ stationId: string; password: string } | undefined> {
    const { password } = parse(z.object({ password: StationPassword.optional() }), body ?? {});
    const rotated = await this.deps.admin.rotatePassword(stationId, password);
    if (!rotated) throw new NotFoundException(`station ${stationId} is not registered`);
    if (password !== undefined) {
      reply.status(204);
      return undefined;
    }
    reply.status(200);
    return { stationId, password: rotated.password };
  }
}
