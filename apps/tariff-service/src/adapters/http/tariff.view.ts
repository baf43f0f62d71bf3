import type { TariffRecord } from '../../domain/tariff-record';

/** A tariff as the admin API shows it (the OCPI object plus what the service keeps beside it). */
export interface TariffView {
  id: string;
  countryCode: string;
  partyId: string;
  ocpiVersion: TariffRecord['ocpiVersion'];
  tariff: TariffRecord['tariff'];
  appliesTo: string[];
  lastUpdated: string;
}

export const toView = (r: TariffRecord): TariffView => ({
  id: r.tariffId,
  countryCode: r.countryCode,
  partyId: r.partyId,
  ocpiVersion: r.ocpiVersion,
  tariff: r.tariff,
  appliesTo: [...r.appliesTo],
  lastUpdated: r.lastUpdated,
});
