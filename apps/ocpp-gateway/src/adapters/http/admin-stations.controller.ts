import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import {
  RegisterStationInput,
  StationPassword,
  type StationView,
} from '../../application/admin/station-admin.use-case';
import { AdminTokenGuard } from './admin-token.guard';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new BadRequestException(z.prettifyError(r.error));
  return r.data;
}

/** The station registry's admin API (token-protected): register, list, rotate a password. */
@Controller('admin/stations')
@UseGuards(AdminTokenGuard)
export class AdminStationsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Post()
  @HttpCode(201)
  register(@Body() body: unknown): Promise<StationView> {
    return this.deps.admin.register(parse(RegisterStationInput, body));
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

  @Post(':stationId/password')
  @HttpCode(204)
  async rotatePassword(@Param('stationId') stationId: string, @Body() body: unknown): Promise<void> {
    const { password } = parse(z.object({ password: StationPassword }), body);
    if (!(await this.deps.admin.rotatePassword(stationId, password))) {
      throw new NotFoundException(`station ${stationId} is not registered`);
    }
  }
}
