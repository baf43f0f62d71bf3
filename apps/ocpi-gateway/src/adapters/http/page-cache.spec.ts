import { PageCache } from './page-cache';

describe('PageCache (serialised list pages)', () => {
  it('builds a page once per model revision and wraps it in an OCPI envelope', () => {
    let revision = 0;
    let now = Date.parse('2026-01-01T00:00:00.250Z');
    const cache = new PageCache({ revision: () => revision }, 10, () => now);
    let builds = 0;
    const build = () => {
      builds++;
      return { items: ['{"id":"A"}', '{"id":"B"}'], headers: { 'X-Total-Count': '2' } };
    };
    const first = cache.get('/ocpi/2.2.1/locations', build);
    expect(JSON.parse(first.body.toString())).toEqual({
      data: [{ id: 'A' }, { id: 'B' }],
      status_code: 1000,
      timestamp: '2026-01-01T00:00:00Z',
    });
    expect(first.headers).toEqual({ 'X-Total-Count': '2' });
    cache.get('/ocpi/2.2.1/locations', build);
    expect(builds).toBe(1);
    revision++;
    cache.get('/ocpi/2.2.1/locations', build);
    expect(builds).toBe(2);
    now += 1000;
    const later = cache.get('/ocpi/2.2.1/locations', build);
    expect(JSON.parse(later.body.toString()).timestamp).toBe('2026-01-01T00:00:01Z');
    expect(builds).toBe(2);
  });

  it('keeps pages apart by key and starts afresh when full', () => {
    const cache = new PageCache({ revision: () => 0 }, 2);
    let builds = 0;
    const build = (id: string) => () => {
      builds++;
      return { items: [`"${id}"`], headers: {} };
    };
    expect(JSON.parse(cache.get('a', build('a')).body.toString()).data).toEqual(['a']);
    expect(JSON.parse(cache.get('b', build('b')).body.toString()).data).toEqual(['b']);
    cache.get('c', build('c'));
    cache.get('c', build('c'));
    expect(builds).toBe(3);
  });

  it('caches nothing when building fails (e.g. invalid paging parameters)', () => {
    const cache = new PageCache({ revision: () => 0 });
    expect(() =>
      cache.get('bad', () => {
        throw new Error('offset: must be >= 0');
      }),
    ).toThrow('offset');
    expect(JSON.parse(cache.get('bad', () => ({ items: [], headers: {} })).body.toString()).data).toEqual([]);
  });
});
