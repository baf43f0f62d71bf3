import { DEFAULT_LANGUAGE, MESSAGES, type Messages } from './messages';

export interface NegotiatedLocale {
  /** BCP 47 tag used for number and date formatting, e.g. "nl-BE" or "de". */
  locale: string;
  messages: Messages;
}

interface Range {
  tag: string;
  q: number;
  order: number;
}

/**
 * Picks the page language from `Accept-Language` (RFC 9110 §12.5.4): ranges by q-value, ties in header
 * order; a range matches a supported language by its primary subtag ("nl-BE" -> nl). The full tag is kept
 * for formatting when it is a valid locale of that language (Belgian Dutch keeps its own conventions).
 */
export function negotiateLocale(header: string | undefined): NegotiatedLocale {
  for (const tag of parseAcceptLanguage(header ?? '')) {
    if (tag === '*') break;
    const primary = tag.split('-')[0]?.toLowerCase() ?? '';
    const messages = MESSAGES[primary];
    if (messages) return { locale: canonical(tag) ?? primary, messages };
  }
  const messages = MESSAGES[DEFAULT_LANGUAGE] as Messages;
  return { locale: DEFAULT_LANGUAGE, messages };
}

export function parseAcceptLanguage(header: string): string[] {
  const ranges: Range[] = [];
  header
    .slice(0, 512)
    .split(',')
    .forEach((part, order) => {
      const [rawTag = '', ...params] = part.trim().split(';');
      const tag = rawTag.trim();
      if (!/^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/.test(tag)) return;
      let q = 1;
      for (const p of params) {
        const m = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/.exec(p);
        if (m?.[1] !== undefined) q = Number(m[1]);
      }
      if (q > 0) ranges.push({ tag, q, order });
    });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order).map((r) => r.tag);
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
