/** Where a request or seed entry is wrong, e.g. `elements[0].price_components[1].step_size`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** Stable codes: clients and the operator CLI branch on them, so renaming one is a breaking change. */
export type TariffErrorCode =
  | 'TARIFF.INVALID'
  | 'TARIFF.INVALID_ID'
  | 'TARIFF.NOT_FOUND'
  | 'TARIFF.CONFLICT'
  | 'ASSIGNMENT.INVALID'
  | 'DISPLAY.INVALID_QUERY'
  | 'SEED.INVALID';

export class TariffServiceError extends Error {
  constructor(
    readonly code: TariffErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(
      issues.length === 0
        ? message
        : `${message}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.name = 'TariffServiceError';
  }
}
