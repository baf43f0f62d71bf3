import { inDateRange, nextPageUrl, PagingQuery, paginate, pagingHeaders } from './paging';
import { parseOcpi } from './validation';

describe('paging (transport_and_format: pagination)', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);

  it.each([
    [{}, [0, 1, 2], 7, true],
    [{ offset: '3' }, [3, 4, 5], 7, true],
    [{ offset: '6' }, [6], 7, false],
    [{ offset: '9' }, [], 7, false],
    [{ limit: '2' }, [0, 1], 7, true],
    [{ limit: '50' }, [0, 1, 2], 7, true],
  ])('query %j gives %j', (query, expected, total, hasNext) => {
    const q = PagingQuery.parse(query);
    const page = paginate(items, q, 3);
    expect(page.items).toEqual(expected);
    const h = pagingHeaders(page, 'https://cpo.example/ocpi/2.2.1/locations', q, 3);
    expect(h['X-Total-Count']).toBe(String(total));
    expect(h['X-Limit']).toBe('3');
    expect(h.Link !== undefined).toBe(hasNext);
  });

  it('Link keeps the date filters and points at the next offset', () => {
    const q = PagingQuery.parse({ date_from: '2020-01-01T00:00:00', limit: '2' });
    const h = pagingHeaders(paginate(items, q, 10), 'https://cpo.example/x', q, 10);
    expect(h.Link).toBe(
      '<https://cpo.example/x?date_from=2020-01-01T00%3A00%3A00Z&offset=2&limit=2>; rel="next"',
    );
    expect(nextPageUrl(h.Link)).toBe(
      'https://cpo.example/x?date_from=2020-01-01T00%3A00%3A00Z&offset=2&limit=2',
    );
  });

  it.each([
    [{ offset: '-1' }, 'offset'],
    [{ limit: '0' }, 'limit'],
    [{ limit: 'abc' }, 'limit'],
    [{ date_from: 'yesterday' }, 'RFC 3339'],
  ])('rejects %j', (query, expected) => {
    const r = PagingQuery.safeParse(query);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(expected);
  });

  it('names each bad parameter once in the OCPI message', () => {
    const r = parseOcpi(PagingQuery, { offset: '-1', limit: 'x' });
    expect(r.ok ? '' : r.message).toBe('offset: must be >= 0; limit: expected a positive integer');
  });

  it('date_from is inclusive, date_to exclusive', () => {
    const q = { date_from: '2020-01-01T00:00:00Z', date_to: '2020-01-02T00:00:00Z' };
    expect(inDateRange('2020-01-01T00:00:00Z', q)).toBe(true);
    expect(inDateRange('2020-01-01T23:59:59Z', q)).toBe(true);
    expect(inDateRange('2020-01-02T00:00:00Z', q)).toBe(false);
    expect(inDateRange('2019-12-31T23:59:59Z', q)).toBe(false);
  });
});
