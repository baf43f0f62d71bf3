// Public API of the tariff engine: OCPI 2.2.1 / 2.3.0 tariffs, exact session pricing, the cost-limit
// budget and terminal price display. Pure functions over plain data; the clock is always passed in.

export { parseTariff, type ParseTariffOptions } from './tariff/tariff-parser';
export { toOcpiTariff } from './tariff/tariff-serializer';
export { TariffValidationError, type ValidationIssue } from './tariff/tariff-validation.error';
export type * from './tariff/tariff.model';
export type * from './tariff/ocpi-tariff.types';

export type * from './session/session.types';
export { InvalidSampleError } from './session/meter-reading';
export { InvalidInstantError } from './time/instant';
export { TimeZoneError } from './time/time-zone';

export { priceSession } from './pricing/session-pricer';
export type * from './pricing/session-price.types';

export {
  createPricer,
  SessionPricer,
  RunningCost,
  type PricerContext,
  type RunningPrice,
} from './incremental/session-pricer';
export { remainingBudget } from './incremental/remaining-budget';
export { Rational } from './money/rational';
export { projectedEnergyMwh, type Budget, type BudgetOptions } from './incremental/budget';

export {
  displayPrice,
  pickAltText,
  type DisplayAmount,
  type DisplayComponent,
  type PriceDisplay,
} from './display/display-price';

export { readCdr, type CdrSession } from './cdr/cdr-reader';
export { toOcpiPrice, type OcpiPrice221Text, type OcpiPrice230Text } from './cdr/ocpi-price';
