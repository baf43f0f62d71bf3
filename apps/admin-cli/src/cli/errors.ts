/** Exit codes: 2 = the command line is wrong (nothing was sent), 1 = a service refused or could not be reached. */
export const EXIT = { OK: 0, REFUSED: 1, USAGE: 2 } as const;

/** The command line is wrong; raised before the first request, so nothing was created. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage line to repeat under the message. */
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A service answered with an error, or could not be reached. */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly detail: { service?: string; status?: number; code?: string } = {},
  ) {
    super(message);
    this.name = 'RefusedError';
  }
}
