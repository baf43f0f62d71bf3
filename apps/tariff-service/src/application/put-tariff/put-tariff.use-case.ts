import { assertTariffId } from '../../domain/tariff-id';
import { parseTariffInput } from '../../domain/tariff-input.parser';
import { isLive, withTariff, type TariffRecord } from '../../domain/tariff-record';
import type { TariffChanges } from '../tariff-changes';

export interface PutTariffCommand {
  readonly tariffId: string;
  /** The OCPI Tariff as received (2.2.1 or 2.3.0). */
  readonly body: unknown;
}

export interface PutTariffResult {
  readonly record: TariffRecord;
  readonly created: boolean;
  readonly changed: boolean;
}

/** Create or replace a tariff (its connectors stay); the same content again changes and publishes nothing. */
export class PutTariffUseCase {
  constructor(private readonly changes: TariffChanges) {}

  async execute(cmd: PutTariffCommand): Promise<PutTariffResult> {
    const tariffId = assertTariffId(cmd.tariffId);
    const outcome = await this.changes.apply(tariffId, 'upsert', (current, lastUpdated) => {
      const next = withTariff(current, parseTariffInput(cmd.body, tariffId, lastUpdated), lastUpdated);
      return next ? { next } : undefined;
    });
    const record = outcome.after as TariffRecord;
    return { record, created: !isLive(outcome.before), changed: outcome.changed };
  }
}
