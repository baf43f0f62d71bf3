import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseTariffSeed, type SeedEntry } from '../../domain/tariff-seed.parser';
import { TariffServiceError } from '../../domain/tariff.errors';

/** Reads and validates the seed file; a broken seed stops the start with every problem listed. */
export async function readTariffSeed(path: string, now: Date): Promise<SeedEntry[]> {
  const file = resolve(path);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`tariff seed ${file}: ${(err as Error).message}`);
  }
  try {
    return parseTariffSeed(json, now.toISOString());
  } catch (err) {
    if (err instanceof TariffServiceError) throw new Error(`tariff seed ${file}: ${err.message}`);
    throw err;
  }
}
