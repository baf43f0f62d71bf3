import { Decimal, formatAmount } from '../money/decimal';
import { compileTariff, type CompiledComponent } from '../restrictions/compiled-tariff';
import { selectComponents } from '../restrictions/component-selector';
import type { Timestamp } from '../session/session.types';
import type { TariffDimensionType } from '../tariff/ocpi-tariff.types';
import type { PriceComponent, Tariff, TariffRestrictions } from '../tariff/tariff.model';
import { toEpochMs } from '../time/instant';
import { TimeZone } from '../time/time-zone';

export interface DisplayComponent {
  readonly type: TariffDimensionType;
  readonly unit: 'kWh' | 'hour' | 'session';
  /** Per unit, 4 decimals. */
  readonly priceExclVat: string;
  readonly priceInclVat: string;
  readonly vatPercent?: string;
  /** Billing block: Wh for energy, seconds for time (0 or 1 = exact). */
  readonly stepSize: number;
  /** When it applies (OCPI restrictions, normalised); absent = always. */
  readonly restrictions?: TariffRestrictions;
  /** Incl. VAT, localised, e.g. "€ 0,3025". */
  readonly formatted: string;
}

export interface DisplayAmount {
  readonly amount: string;
  readonly formatted: string;
}

/** What a payment terminal shows before the driver pays. */
export interface PriceDisplay {
  readonly tariffId: string;
  readonly currency: string;
  readonly locale: string;
  /** The alternative text in the driver's language (else English, else the first one). */
  readonly altText?: { readonly language: string; readonly text: string };
  readonly altUrl?: string;
  /** Headline prices incl. VAT: the components active at `at` (or the first of each dimension). */
  readonly energy?: DisplayComponent;
  readonly time?: DisplayComponent;
  readonly parking?: DisplayComponent;
  readonly startFee?: DisplayComponent;
  /** Every (non-reservation) component in tariff order. */
  readonly components: readonly DisplayComponent[];
  /** Maximum the session can cost, incl. VAT where the tariff states it. */
  readonly maxPrice?: DisplayAmount;
  readonly minPrice?: DisplayAmount;
  /** OCPI 2.3.0 amount the terminal should pre-authorise. */
  readonly preauthorizeAmount?: DisplayAmount;
  /** Prices in the tariff already include VAT ('YES'), exclude it ('NO'), or no tax applies ('N/A'). */
  readonly taxIncluded: Tariff['taxIncluded'];
}

/**
 * The price as a terminal shows it, in the driver's locale. Pass `at` (now and the Location time
 * zone) to pick the prices active now; power-, energy- and duration-dependent prices are all listed
 * in `components`.
 */
export function displayPrice(
  tariff: Tariff,
  locale: string,
  at?: { now: Timestamp; timeZone: string },
): PriceDisplay {
  const compiled = compileTariff(tariff);
  const money = currencyFormat(locale, tariff.currency);
  const show = (c: CompiledComponent): DisplayComponent => describe(tariff, c, money);
  const components = compiled.elements
    .filter((e) => e.reservation === undefined)
    .flatMap((e) => Object.values(e.components).map(show));
  let headline: Partial<Record<TariffDimensionType, CompiledComponent>>;
  if (at) {
    const zone = TimeZone.of(at.timeZone);
    const t = toEpochMs(at.now, 'now');
    headline = selectComponents(compiled, { local: zone.local(t), energyMwh: 0, elapsedMs: 0 }, 'CHARGING');
  } else {
    headline = {};
    for (const e of compiled.elements) {
      if (e.reservation !== undefined) continue;
      for (const [type, c] of Object.entries(e.components) as [TariffDimensionType, CompiledComponent][])
        headline[type] ??= c;
    }
  }
  const amount = (value: string | undefined): DisplayAmount | undefined =>
    value === undefined
      ? undefined
      : {
          amount: formatAmount(new Decimal(value)),
          formatted: money(new Decimal(value).toFixed(2, Decimal.ROUND_HALF_UP)),
        };
  const limit = (l: Tariff['maxPrice']) => amount(l?.afterTaxes ?? l?.beforeTaxes);
  const altText = pickAltText(tariff, locale);
  const result: PriceDisplay = {
    tariffId: tariff.id,
    currency: tariff.currency,
    locale,
    ...(altText ? { altText } : {}),
    ...(tariff.altUrl ? { altUrl: tariff.altUrl } : {}),
    ...(headline.ENERGY ? { energy: show(headline.ENERGY) } : {}),
    ...(headline.TIME ? { time: show(headline.TIME) } : {}),
    ...(headline.PARKING_TIME ? { parking: show(headline.PARKING_TIME) } : {}),
    ...(headline.FLAT ? { startFee: show(headline.FLAT) } : {}),
    components,
    ...(tariff.maxPrice ? { maxPrice: limit(tariff.maxPrice) } : {}),
    ...(tariff.minPrice ? { minPrice: limit(tariff.minPrice) } : {}),
    ...(tariff.preauthorizeAmount !== undefined
      ? { preauthorizeAmount: amount(tariff.preauthorizeAmount) }
      : {}),
    taxIncluded: tariff.taxIncluded,
  };
  return result;
}

/** OCPI DisplayText choice: the driver's language, else English, else the first text. */
export function pickAltText(tariff: Tariff, locale: string): { language: string; text: string } | undefined {
  const language = locale.slice(0, 2).toLowerCase();
  const texts = tariff.altText;
  const found =
    texts.find((t) => t.language === language) ?? texts.find((t) => t.language === 'en') ?? texts[0];
  return found ? { language: found.language, text: found.text } : undefined;
}

function describe(tariff: Tariff, c: CompiledComponent, money: (v: string) => string): DisplayComponent {
  const source: PriceComponent = c.source;
  const vat = tariff.taxIncluded === 'N/A' ? undefined : c.vat;
  const factor = vat === undefined ? new Decimal(1) : vat.plus(100).div(100);
  const [excl, incl] =
    tariff.taxIncluded === 'YES' ? [c.price.div(factor), c.price] : [c.price, c.price.times(factor)];
  const restrictions = tariff.elements[c.elementIndex]?.restrictions;
  const inclText = formatAmount(incl);
  const unit = c.type === 'ENERGY' ? 'kWh' : c.type === 'FLAT' ? 'session' : 'hour';
  return {
    type: c.type,
    unit,
    priceExclVat: formatAmount(excl),
    priceInclVat: inclText,
    ...(vat !== undefined ? { vatPercent: vat.toFixed() } : {}),
    stepSize: source.stepSize,
    ...(restrictions ? { restrictions } : {}),
    formatted: unit === 'session' ? money(trimTo2(inclText)) : `${money(trimTo2(inclText))} / ${unit}`,
  };
}

/** Keeps at least 2 and at most 4 decimals ("0.2750" -> "0.275", "5.0000" -> "5.00"). */
function trimTo2(text: string): string {
  return text.replace(/(\.\d\d\d?)0+$/, '$1');
}

function currencyFormat(locale: string, currency: string): (value: string) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    });
  } catch {
    format = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    });
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3); it never goes through a float.
  return (value) => format.format(value as unknown as number);
}
