import type {
  OcpiPriceComponent,
  OcpiTariff,
  OcpiTariff221,
  OcpiTariff230,
  OcpiTariffElement,
  OcpiTariffRestrictions,
  OcpiVersion,
} from './ocpi-tariff.types';
import type { PriceLimit, Tariff, TariffRestrictions } from './tariff.model';

/**
 * Writes a parsed tariff back as a strict OCPI Tariff of the given version (default: its own).
 * Amounts become JSON numbers; the decimal strings we hold have few digits, so this is lossless.
 * A 2.3.0 tariff with `tax_included: "YES"` cannot be expressed in 2.2.1 (prices there exclude VAT).
 */
export function toOcpiTariff(tariff: Tariff, version: OcpiVersion = tariff.ocpiVersion): OcpiTariff {
  if (version === '2.2.1' && tariff.taxIncluded === 'YES') {
    throw new Error('TARIFF.NOT_EXPRESSIBLE: a tax-inclusive tariff has no OCPI 2.2.1 form');
  }
  const common = {
    country_code: tariff.countryCode,
    party_id: tariff.partyId,
    id: tariff.id,
    currency: tariff.currency,
    ...(tariff.type ? { type: tariff.type } : {}),
    ...(tariff.altText.length > 0 ? { tariff_alt_text: tariff.altText.map((t) => ({ ...t })) } : {}),
    ...(tariff.altUrl ? { tariff_alt_url: tariff.altUrl } : {}),
  };
  const tail = {
    elements: tariff.elements.map((e): OcpiTariffElement => ({
      price_components: e.priceComponents.map((c): OcpiPriceComponent => ({
        type: c.type,
        price: Number(c.price),
        ...(c.vat !== undefined ? { vat: Number(c.vat) } : {}),
        step_size: c.stepSize,
      })),
      ...(e.restrictions ? { restrictions: restrictionsToOcpi(e.restrictions) } : {}),
    })),
    ...(tariff.startDateTime ? { start_date_time: tariff.startDateTime } : {}),
    ...(tariff.endDateTime ? { end_date_time: tariff.endDateTime } : {}),
    ...(tariff.energyMix ? { energy_mix: { ...tariff.energyMix } } : {}),
    last_updated: tariff.lastUpdated,
  };
  if (version === '2.2.1') {
    const t: OcpiTariff221 = {
      ...common,
      ...(tariff.minPrice ? { min_price: price221(tariff.minPrice) } : {}),
      ...(tariff.maxPrice ? { max_price: price221(tariff.maxPrice) } : {}),
      ...tail,
    };
    return t;
  }
  const t: OcpiTariff230 = {
    ...common,
    ...(tariff.minPrice ? { min_price: priceLimit(tariff.minPrice) } : {}),
    ...(tariff.maxPrice ? { max_price: priceLimit(tariff.maxPrice) } : {}),
    ...(tariff.preauthorizeAmount !== undefined
      ? { preauthorize_amount: Number(tariff.preauthorizeAmount) }
      : {}),
    ...tail,
    tax_included: tariff.taxIncluded,
  };
  return t;
}

function price221(limit: PriceLimit) {
  return {
    excl_vat: Number(limit.beforeTaxes),
    ...(limit.afterTaxes !== undefined ? { incl_vat: Number(limit.afterTaxes) } : {}),
  };
}

function priceLimit(limit: PriceLimit) {
  return {
    before_taxes: Number(limit.beforeTaxes),
    ...(limit.afterTaxes !== undefined ? { after_taxes: Number(limit.afterTaxes) } : {}),
  };
}

function restrictionsToOcpi(r: TariffRestrictions): OcpiTariffRestrictions {
  const n = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const out: OcpiTariffRestrictions = {
    start_time: r.startTime,
    end_time: r.endTime,
    start_date: r.startDate,
    end_date: r.endDate,
    min_kwh: n(r.minKwh),
    max_kwh: n(r.maxKwh),
    min_current: n(r.minCurrent),
    max_current: n(r.maxCurrent),
    min_power: n(r.minPower),
    max_power: n(r.maxPower),
    min_duration: r.minDuration,
    max_duration: r.maxDuration,
    day_of_week: r.dayOfWeek ? [...r.dayOfWeek] : undefined,
    reservation: r.reservation,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as OcpiTariffRestrictions;
}
