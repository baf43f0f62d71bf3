import { parseAssignment } from '../../domain/connector-ref.parser';
import { assertTariffId } from '../../domain/tariff-id';
import { isLive, withAssignment, type TariffRecord } from '../../domain/tariff-record';
import { TariffServiceError } from '../../domain/tariff.errors';
import { notFound } from '../delete-tariff/delete-tariff.use-case';
import type { TariffChanges } from '../tariff-changes';

export interface AssignTariffCommand {
  readonly tariffId: string;
  /** `{ "appliesTo": ["LOC-001/LOC-001-EVSE-01/1", ...] }` as received. */
  readonly body: unknown;
}

/**
 * Replace the connectors a tariff applies to (the operator CLI's `tariff assign`). A connector may list
 * several tariffs (OCPI `tariff_ids`); this sets the list of one tariff.
 */
export class AssignTariffUseCase {
  constructor(private readonly changes: TariffChanges) {}

  async execute(cmd: AssignTariffCommand): Promise<{ record: TariffRecord; changed: boolean }> {
    const tariffId = assertTariffId(cmd.tariffId);
    const parsed = parseAssignment(cmd.body);
    if (!parsed.ok) throw new TariffServiceError('ASSIGNMENT.INVALID', 'invalid assignment', parsed.issues);
    const outcome = await this.changes.apply(tariffId, 'assign', (current, lastUpdated) => {
      if (!isLive(current)) throw notFound(tariffId);
      const next = withAssignment(current, parsed.value, lastUpdated);
      return next ? { next } : undefined;
    });
    return { record: outcome.after as TariffRecord, changed: outcome.changed };
  }
}
