/** An event that can never be handled (bad payload): the consumer dead-letters it instead of retrying. */
export class InvalidEventError extends Error {
  readonly code = 'OCPI_GATEWAY.INVALID_EVENT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}
