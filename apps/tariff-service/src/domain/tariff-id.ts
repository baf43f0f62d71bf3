import { TariffServiceError } from './tariff.errors';

/** OCPI Tariff.id is CiString(36): 1-36 printable ASCII characters. */
const TARIFF_ID = /^[\x20-\x7e]{1,36}$/;

export function assertTariffId(id: string): string {
  if (!TARIFF_ID.test(id)) {
    throw new TariffServiceError('TARIFF.INVALID_ID', 'invalid tariff id', [
      { path: 'id', message: 'must be 1-36 printable ASCII characters (OCPI CiString(36))' },
    ]);
  }
  return id;
}
