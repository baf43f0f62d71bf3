import {
  parseTariff,
  TariffValidationError,
  toOcpiTariff,
  type OcpiTariff,
  type OcpiVersion,
} from '@tapcharge/tariff-engine';
import { TariffServiceError, type Issue } from './tariff.errors';

/** A validated OCPI Tariff in its own version's strict shape, and the fields the event carries. */
export interface TariffInput {
  readonly tariffId: string;
  readonly countryCode: string;
  readonly partyId: string;
  readonly ocpiVersion: OcpiVersion;
  readonly tariff: OcpiTariff;
}

/**
 * Validates an OCPI 2.2.1 / 2.3.0 Tariff by the spec's field limits (`parseTariff`) and writes it back in its
 * version's strict form. `last_updated` belongs to the service (it stamps every change, so PTPs pulling with
 * `date_from` see it); the caller's value is replaced before validation. Every bad field is listed at once,
 * including an `id` that differs from `expectedId` (the id in the URL).
 */
export function parseTariffInput(body: unknown, expectedId: string, lastUpdated: string): TariffInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TariffServiceError('TARIFF.INVALID', 'invalid OCPI tariff', [
      { path: '', message: 'must be a JSON object (an OCPI Tariff)' },
    ]);
  }
  const json: Record<string, unknown> = { ...(body as Record<string, unknown>), last_updated: lastUpdated };
  const issues: Issue[] = [];
  if (typeof json['id'] === 'string' && json['id'] !== expectedId) {
    issues.push({ path: 'id', message: `must equal the id in the path ("${expectedId}")` });
  }
  try {
    const parsed = parseTariff(json);
    if (issues.length > 0) throw new TariffServiceError('TARIFF.INVALID', 'invalid OCPI tariff', issues);
    return {
      tariffId: parsed.id,
      countryCode: parsed.countryCode,
      partyId: parsed.partyId,
      ocpiVersion: parsed.ocpiVersion,
      tariff: toOcpiTariff(parsed),
    };
  } catch (err) {
    if (err instanceof TariffValidationError) {
      throw new TariffServiceError('TARIFF.INVALID', 'invalid OCPI tariff', [
        ...err.issues.map((i) => ({ path: i.path, message: i.message })),
        ...issues,
      ]);
    }
    throw err;
  }
}
