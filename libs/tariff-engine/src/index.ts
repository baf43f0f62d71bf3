export { parseTariff, type ParseTariffOptions } from './tariff/tariff-parser';
export { toOcpiTariff } from './tariff/tariff-serializer';
export { TariffValidationError, type ValidationIssue } from './tariff/tariff-validation.error';
export type * from './tariff/tariff.model';
export type * from './tariff/ocpi-tariff.types';
export { priceSession } from './pricing/session-pricer';
export type * from './pricing/session-price.types';
export type * from './session/session.types';
