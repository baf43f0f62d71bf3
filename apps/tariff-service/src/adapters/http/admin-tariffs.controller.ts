import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { PriceDisplay } from '@tapcharge/tariff-engine';
import type { FastifyReply } from 'fastify';
import { AdminTokenGuard } from '@tapcharge/service-runtime';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';
import { parsePageQuery } from './page-query';
import { toView, type TariffView } from './tariff.view';

/** The tariff admin API (ADMIN_TOKEN): create/replace, read, delete, assign to connectors, terminal display. */
@Controller('admin/tariffs')
@UseGuards(AdminTokenGuard)
export class AdminTariffsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
  ): Promise<{ tariffs: TariffView[]; offset: number; limit: number }> {
    const page = parsePageQuery(query);
    const tariffs = await this.deps.queryTariffs.list(page);
    return { tariffs: tariffs.map(toView), ...page };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<TariffView> {
    return toView(await this.deps.queryTariffs.get(id));
  }

  /** 201 when the tariff did not exist, 200 when replaced (or unchanged: nothing published). */
  @Put(':id')
  async put(
    @Param('id') id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TariffView & { changed: boolean }> {
    const r = await this.deps.putTariff.execute({ tariffId: id, body });
    void reply.status(r.created ? 201 : 200);
    return { ...toView(r.record), changed: r.changed };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.deps.deleteTariff.execute(id);
  }

  @Put(':id/assignments')
  async assign(@Param('id') id: string, @Body() body: unknown): Promise<TariffView & { changed: boolean }> {
    const r = await this.deps.assignTariff.execute({ tariffId: id, body });
    return { ...toView(r.record), changed: r.changed };
  }

  @Get(':id/display')
  display(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<PriceDisplay> {
    return this.deps.displayPrice.execute(id, query);
  }
}
