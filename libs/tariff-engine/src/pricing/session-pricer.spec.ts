import { Decimal } from '../money/decimal';
import { readCdr } from '../cdr/cdr-reader';
import { parseTariff } from '../tariff/tariff-parser';
import { COST_FIELDS, expectedPrice, loadSpecVectors, readVectorJson } from '../../test/spec-vectors';
import { priceSession } from './session-pricer';

const vectors = loadSpecVectors();

describe('priceSession on the spec vectors (exact amounts)', () => {
  it('covers every vector of the manifest', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(43);
  });

  it.each(vectors.map((v) => [`${v.id} ${v.title}`, v] as const))('%s', (_name, vector) => {
    const tariff = parseTariff(
      readVectorJson(vector.tariff),
      vector.tariff_version ? { version: vector.tariff_version } : {},
    );
    const cdr = readVectorJson(vector.cdr);
    const { session } = readCdr(cdr, { timeZone: vector.time_zone });
    const price = priceSession(tariff, session, vector.options ?? {});
    let checked = 0;
    for (const [field, key] of COST_FIELDS) {
      if (cdr[field] === undefined) continue;
      const want = expectedPrice(cdr[field]);
      expect({ field, excl: new Decimal(price[key].exclVat).toFixed() }).toEqual({
        field,
        excl: new Decimal(want.excl).toFixed(),
      });
      if (want.incl !== undefined) {
        expect({ field, incl: new Decimal(price[key].inclVat).toFixed() }).toEqual({
          field,
          incl: new Decimal(want.incl).toFixed(),
        });
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
