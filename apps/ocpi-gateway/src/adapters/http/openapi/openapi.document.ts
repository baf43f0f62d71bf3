import { z } from 'zod';
import { routeDocs, type RouteDoc } from './openapi-routes';

const ENVELOPE_BASE = {
  status_code: { type: 'integer', minimum: 1000, maximum: 4999 },
  status_message: { type: 'string' },
  timestamp: { type: 'string' },
};

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', required: ['status_code', 'timestamp'], properties: ENVELOPE_BASE },
    },
  },
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
}

function parameters(r: RouteDoc) {
  const params: unknown[] = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', maxLength: 36 },
  }));
  if (r.paginated) {
    params.push(
      { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
      { name: 'date_from', in: 'query', schema: { type: 'string', format: 'date-time' } },
      { name: 'date_to', in: 'query', schema: { type: 'string', format: 'date-time' } },
    );
  }
  return params;
}

/** OpenAPI 3.1 of our OCPI endpoints, generated from the same zod schemas the handlers validate with. */
export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  routeDocs().forEach((r, i) => {
    const data = r.data ? { data: jsonSchema(r.data, 'output') } : {};
    const op: Record<string, unknown> = {
      operationId: `${r.method}_${r.path.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '')}_${i}`,
      summary: r.summary,
      parameters: parameters(r),
      security: r.access === 'public' ? [] : [{ ocpiToken: [] }],
      responses: {
        [r.created ? '201' : '200']: {
          description: 'OCPI response envelope',
          ...(r.paginated
            ? {
                headers: {
                  'X-Total-Count': { schema: { type: 'integer' } },
                  'X-Limit': { schema: { type: 'integer' } },
                  Link: { schema: { type: 'string' } },
                },
              }
            : {}),
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['status_code', 'timestamp'],
                properties: { ...ENVELOPE_BASE, ...data },
              },
            },
          },
        },
        ...(r.created ? { '200': errorResponse('Already existed, updated / OCPI error status') } : {}),
        '400': errorResponse('Malformed JSON'),
        '401': errorResponse('Unknown, revoked or missing token'),
        '404': errorResponse('Unknown object'),
        '405': errorResponse('Not allowed in the current registration state'),
      },
    };
    if (r.body) {
      op['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
      };
    }
    (paths[r.path] ??= {})[r.method] = op;
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'tapcharge OCPI gateway (CPO)',
      version: '1.0.0',
      description: 'OCPI 2.2.1 and 2.3.0 (incl. Payments) CPO interface for payment terminal providers.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        ocpiToken: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'Token <base64(credentials token)>',
        },
      },
    },
    paths,
  };
}
