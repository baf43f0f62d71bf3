import { buildOpenApiDocument } from './openapi.document';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument('http://cpo.example') as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
  };

  it('has unique operation ids and a request schema for every body-taking route', () => {
    const ops = Object.values(doc.paths).flatMap((p) => Object.entries(p));
    const ids = ops.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [method, op] of ops)
      if (method === 'post' && !op.operationId.includes('credentials')) expect(op.requestBody).toBeDefined();
  });

  it('covers both versions and the 2.3.0 payments module only in 2.3.0', () => {
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/ocpi/2.2.1/locations',
        '/ocpi/2.3.0/locations',
        '/ocpi/2.3.0/payments/terminals',
      ]),
    );
    expect(paths.some((p) => p.startsWith('/ocpi/2.2.1/payments'))).toBe(false);
  });
});
