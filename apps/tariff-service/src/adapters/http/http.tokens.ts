import type { Logger } from '@tapcharge/logging';
import type { AssignTariffUseCase } from '../../application/assign-tariff/assign-tariff.use-case';
import type { DeleteTariffUseCase } from '../../application/delete-tariff/delete-tariff.use-case';
import type { DisplayPriceUseCase } from '../../application/display-price/display-price.use-case';
import type { PutTariffUseCase } from '../../application/put-tariff/put-tariff.use-case';
import type { QueryTariffsUseCase } from '../../application/query-tariffs/query-tariffs.use-case';
import type { TariffMetrics } from '../metrics/tariff.metrics';

export const HTTP_DEPS = Symbol('HTTP_DEPS');

export interface HttpDeps {
  putTariff: PutTariffUseCase;
  deleteTariff: DeleteTariffUseCase;
  assignTariff: AssignTariffUseCase;
  queryTariffs: QueryTariffsUseCase;
  displayPrice: DisplayPriceUseCase;
  adminToken: string;
  metrics: TariffMetrics;
  log: Logger;
  /** Each check resolves true when its dependency answers. */
  readiness: Record<string, () => Promise<boolean>>;
}
