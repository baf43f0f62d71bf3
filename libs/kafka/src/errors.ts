/** Thrown by a handler for input that can never succeed: goes to the DLQ at once, without retries. */
export class PermanentError extends Error {
  constructor(
    message: string,
    readonly code = 'PERMANENT',
  ) {
    super(message);
    this.name = 'PermanentError';
  }
}
