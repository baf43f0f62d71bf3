import { decideSeed, type SeedAction } from '../../domain/seed.planner';
import { seeded } from '../../domain/tariff-record';
import type { SeedEntry } from '../../domain/tariff-seed.parser';
import type { TariffChanges } from '../tariff-changes';

export type SeedReport = Record<SeedAction, string[]>;

/**
 * Applies the deployment's demo tariffs at start. Idempotent: an entry applied before is skipped (nothing
 * written, nothing published), so restarts are quiet and operators' later edits survive them.
 */
export class SeedTariffsUseCase {
  constructor(private readonly changes: TariffChanges) {}

  async execute(entries: readonly SeedEntry[]): Promise<SeedReport> {
    const report: SeedReport = { create: [], skip: [], adopt: [], replace: [] };
    for (const entry of entries) {
      let action: SeedAction = 'skip';
      await this.changes.apply(entry.input.tariffId, 'seed', (current, lastUpdated) => {
        action = decideSeed(entry, current);
        switch (action) {
          case 'skip':
            return undefined;
          case 'adopt':
            return {
              next: { ...(current ?? seeded(entry, lastUpdated)), seedHash: entry.hash },
              publish: false,
            };
          case 'create':
          case 'replace':
            return { next: seeded(entry, lastUpdated) };
        }
      });
      report[action].push(entry.input.tariffId);
    }
    return report;
  }
}
