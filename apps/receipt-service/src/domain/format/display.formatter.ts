import Decimal from 'decimal.js';

/**
 * Locale-aware display of quantities, dates and durations for one page render. Quantities are decimal
 * strings rounded by decimal.js and handed to Intl as strings (exact, see money.formatter.ts).
 */
export class DisplayFormatter {
  private readonly dateTime: Intl.DateTimeFormat;
  private readonly time: Intl.DateTimeFormat;

  constructor(
    readonly locale: string,
    readonly timeZone: string,
  ) {
    this.dateTime = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    this.time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  }

  /** A decimal with exactly `digits` fraction digits, e.g. kWh with 2. */
  decimal(value: string, digits: number): string {
    const text = new Decimal(value).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits);
    return new Intl.NumberFormat(this.locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      numberingSystem: 'latn',
    }).format(text as Intl.StringNumericLiteral);
  }

  /** A VAT rate like "21" or "9.5" as "21 %" / "21%" per locale. */
  percent(rate: string): string {
    const text = new Decimal(rate).toFixed();
    const digits = text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
    return new Intl.NumberFormat(this.locale, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      numberingSystem: 'latn',
    }).format(new Decimal(text).div(100).toFixed() as Intl.StringNumericLiteral);
  }

  /** Energy register in Wh as kWh with 2 decimals. */
  kwhFromWh(wh: number): string {
    return this.decimal(new Decimal(wh.toString()).div(1000).toFixed(), 2);
  }

  dateTimeOf(iso: string): string {
    return this.dateTime.format(new Date(iso));
  }

  timeOf(iso: string): string {
    return this.time.format(new Date(iso));
  }

  /** A duration as hours and minutes ("1 h 05 min"), from whole seconds. */
  duration(totalSeconds: number, units: { h: string; min: string }): string {
    const s = Math.max(0, Math.floor(totalSeconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (h === 0) return `${m} ${units.min}`;
    return `${h} ${units.h} ${String(m).padStart(2, '0')} ${units.min}`;
  }
}

/** Seconds between two instants (never negative). */
export function secondsBetween(startIso: string, endIso: string): number {
  return Math.max(0, Math.floor((Date.parse(endIso) - Date.parse(startIso)) / 1000));
}

/** OCPI hours (decimal) as whole seconds, exactly rounded. */
export function hoursToSeconds(hours: string): number {
  return new Decimal(hours).times(3600).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
