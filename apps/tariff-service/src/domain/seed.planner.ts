import { recordHash, type TariffRecord } from './tariff-record';
import type { SeedEntry } from './tariff-seed.parser';

/**
 * What to do with one seed entry at start:
 * - `create`: the id is unknown -> store and publish it;
 * - `skip`: this exact seed entry was applied before -> leave the tariff as it is now, so an operator's
 *   later change through the admin API (or a delete) survives restarts;
 * - `adopt`: the stored tariff already has this content (e.g. an operator put the same) -> remember the
 *   seed hash, publish nothing;
 * - `replace`: the seed entry itself changed since it was last applied -> the deployment wins, publish.
 */
export type SeedAction = 'create' | 'skip' | 'adopt' | 'replace';

export interface SeedStep {
  readonly action: SeedAction;
  readonly entry: SeedEntry;
}

export function planSeed(
  entries: readonly SeedEntry[],
  current: ReadonlyMap<string, TariffRecord>,
): SeedStep[] {
  return entries.map((entry) => ({ action: decideSeed(entry, current.get(entry.input.tariffId)), entry }));
}

export function decideSeed(entry: SeedEntry, current: TariffRecord | undefined): SeedAction {
  if (current === undefined) return 'create';
  if (current.seedHash === entry.hash) return 'skip';
  if (recordHash(current) === entry.hash) return 'adopt';
  return 'replace';
}
