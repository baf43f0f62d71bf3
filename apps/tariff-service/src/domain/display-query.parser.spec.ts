import { parseDisplayQuery } from './display-query.parser';
import { TariffServiceError } from './tariff.errors';

describe('parseDisplayQuery (?locale=&timeZone=)', () => {
  it.each([
    [{}, { locale: 'en' }],
    [{ locale: 'nl-nl' }, { locale: 'nl-NL' }],
    [
      { locale: 'de', timeZone: 'Europe/Berlin' },
      { locale: 'de', timeZone: 'Europe/Berlin' },
    ],
  ])('%p -> %p', (query, want) => {
    expect(parseDisplayQuery(query)).toEqual(want);
  });

  it.each([
    [{ locale: '' }, ['locale']],
    [{ locale: 'not a locale!' }, ['locale']],
    [{ locale: ['nl', 'de'] }, ['locale']],
    [{ locale: 'x'.repeat(40) }, ['locale']],
    [{ timeZone: 'Mars/Olympus' }, ['timeZone']],
    [{ locale: '??', timeZone: '' }, ['locale', 'timeZone']],
  ])('refuses %p naming %p', (query, paths) => {
    try {
      parseDisplayQuery(query);
      throw new Error('expected DISPLAY.INVALID_QUERY');
    } catch (err) {
      expect((err as TariffServiceError).code).toBe('DISPLAY.INVALID_QUERY');
      expect((err as TariffServiceError).issues.map((i) => i.path)).toEqual(paths);
    }
  });
});
