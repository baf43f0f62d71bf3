import { MESSAGES } from './messages';
import { negotiateLocale, parseAcceptLanguage } from './locale.negotiator';

describe('negotiateLocale (Accept-Language, RFC 9110 §12.5.4)', () => {
  it.each([
    [undefined, 'en', 'en'],
    ['', 'en', 'en'],
    ['nl', 'nl', 'nl'],
    ['nl-BE', 'nl', 'nl-BE'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de', 'de-DE'],
    ['fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7', 'de', 'de'],
    ['en;q=0.5,nl;q=0.9', 'nl', 'nl'],
    ['fr,es', 'en', 'en'],
    ['*', 'en', 'en'],
    ['de;q=0,nl;q=0.1', 'nl', 'nl'],
    ['DE-at', 'de', 'de-AT'],
    ['<script>,nl', 'nl', 'nl'],
    ['en-US;q=abc,de', 'en', 'en-US'],
  ])('%j -> %s (%s)', (header, lang, locale) => {
    const got = negotiateLocale(header);
    expect(got.messages.lang).toBe(lang);
    expect(got.locale).toBe(locale);
  });

  it('orders ranges by q, ties by position', () => {
    expect(parseAcceptLanguage('a;q=0.5, b, c;q=0.5, d;q=1')).toEqual(['b', 'd', 'a', 'c']);
  });

  it('every language has every message (same keys as English)', () => {
    const keys = (o: object) => Object.keys(o).sort();
    for (const m of Object.values(MESSAGES)) {
      expect(keys(m)).toEqual(keys(MESSAGES['en'] as object));
      expect(keys(m.states)).toEqual(keys((MESSAGES['en'] as typeof m).states));
      expect(keys(m.components)).toEqual(keys((MESSAGES['en'] as typeof m).components));
    }
  });
});
