import { TariffServiceError, type Issue } from './tariff.errors';

export interface DisplayQuery {
  /** BCP 47, canonicalised (`nl-nl` -> `nl-NL`). */
  readonly locale: string;
  /** IANA zone of the Location: when given, the headline prices are the ones active now there. */
  readonly timeZone?: string;
}

/** `?locale=nl-NL&timeZone=Europe/Amsterdam`; locale defaults to `en`. Lists every bad parameter. */
export function parseDisplayQuery(query: Record<string, unknown>): DisplayQuery {
  const issues: Issue[] = [];
  const rawLocale = query['locale'] ?? 'en';
  const rawZone = query['timeZone'];
  let locale: string | undefined;
  if (typeof rawLocale !== 'string' || rawLocale.length > 35) {
    issues.push({ path: 'locale', message: 'must be one BCP 47 language tag, e.g. nl-NL' });
  } else {
    try {
      locale = Intl.getCanonicalLocales(rawLocale)[0];
    } catch {
      issues.push({ path: 'locale', message: `"${rawLocale}" is not a BCP 47 language tag, e.g. nl-NL` });
    }
  }
  if (rawZone !== undefined && (typeof rawZone !== 'string' || !isTimeZone(rawZone))) {
    issues.push({ path: 'timeZone', message: 'must be one IANA time zone, e.g. Europe/Amsterdam' });
  }
  if (issues.length > 0 || locale === undefined) {
    throw new TariffServiceError('DISPLAY.INVALID_QUERY', 'invalid display query', issues);
  }
  return typeof rawZone === 'string' ? { locale, timeZone: rawZone } : { locale };
}

function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
