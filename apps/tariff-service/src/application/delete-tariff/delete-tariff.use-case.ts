import { assertTariffId } from '../../domain/tariff-id';
import { deleted, isLive } from '../../domain/tariff-record';
import { TariffServiceError } from '../../domain/tariff.errors';
import type { TariffChanges } from '../tariff-changes';

/** Delete a tariff: a tombstone is stored and TariffChanged goes out with `tariff: null`. */
export class DeleteTariffUseCase {
  constructor(private readonly changes: TariffChanges) {}

  async execute(tariffId: string): Promise<void> {
    assertTariffId(tariffId);
    await this.changes.apply(tariffId, 'delete', (current, lastUpdated) => {
      if (!isLive(current)) throw notFound(tariffId);
      return { next: deleted(current, lastUpdated) };
    });
  }
}

export function notFound(tariffId: string): TariffServiceError {
  return new TariffServiceError('TARIFF.NOT_FOUND', `tariff ${tariffId} does not exist`);
}
