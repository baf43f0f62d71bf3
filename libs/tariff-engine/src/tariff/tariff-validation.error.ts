export interface ValidationIssue {
  /** Where the problem is, e.g. `elements[0].price_components[1].step_size`. */
  readonly path: string;
  readonly message: string;
}

/** A tariff (or CDR / session input) that breaks the OCPI field rules; lists every bad field. */
export class TariffValidationError extends Error {
  readonly code: string;
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject = 'OCPI tariff', code = 'TARIFF.INVALID') {
    super(`Invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'TariffValidationError';
    this.code = code;
    this.issues = issues;
  }
}
