import { OcpiStatus } from '@tapcharge/ocpi';

/**
 * A request the gateway answers with an OCPI error body. `httpStatus` is 200 for requests that reached the
 * OCPI layer (valid JSON, existing resource, authenticated: status_codes.asciidoc forbids HTTP errors then),
 * 4xx for transport-level problems.
 */
export class OcpiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'OcpiError';
  }

  static invalid(message: string) {
    return new OcpiError(200, OcpiStatus.INVALID_PARAMETERS, message);
  }
  static unauthorized(message = 'Invalid or missing credentials token') {
    return new OcpiError(401, OcpiStatus.CLIENT_ERROR, message);
  }
  static notFound(message: string) {
    return new OcpiError(404, OcpiStatus.CLIENT_ERROR, message);
  }
  static methodNotAllowed(message: string) {
    return new OcpiError(405, OcpiStatus.CLIENT_ERROR, message);
  }
}
