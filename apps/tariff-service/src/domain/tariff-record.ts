import type { OcpiTariff, OcpiVersion } from '@tapcharge/tariff-engine';
import { contentHash } from './tariff-content';
import type { TariffInput } from './tariff-input.parser';

/**
 * One tariff as the service owns it: the OCPI object (null once deleted: a tombstone keeps the id's history,
 * so versions keep rising and a deleted seed tariff stays deleted), the connectors it applies to, and when
 * it last changed. This is also exactly what TariffChanged carries.
 */
export interface TariffRecord {
  readonly tariffId: string;
  readonly countryCode: string;
  readonly partyId: string;
  readonly ocpiVersion: OcpiVersion;
  readonly tariff: OcpiTariff | null;
  /** `locationId/evseUid/connectorId` */
  readonly appliesTo: readonly string[];
  /** Of the last change (tariff or assignment); strictly increasing per tariff. */
  readonly lastUpdated: string;
  /** Content hash of the seed entry that last wrote this tariff (see `planSeed`). */
  readonly seedHash?: string;
}

/** A tariff that exists (not deleted). */
export type LiveTariffRecord = TariffRecord & { readonly tariff: OcpiTariff };

export const isLive = (r: TariffRecord | undefined): r is LiveTariffRecord =>
  r !== undefined && r.tariff !== null;

/**
 * The timestamp of a change at `now`, strictly after the previous one: consumers (the OCPI gateway) keep a
 * tariff unless the incoming one is newer, so two changes in the same millisecond must still be ordered.
 */
export function nextLastUpdated(previous: string | undefined, now: Date): string {
  const prev = previous === undefined ? Number.NEGATIVE_INFINITY : Date.parse(previous);
  return new Date(Math.max(now.getTime(), prev + 1)).toISOString();
}

export function recordHash(r: TariffRecord): string | undefined {
  return r.tariff === null ? undefined : contentHash(r.tariff, r.appliesTo);
}

/** Create or replace the OCPI object, keeping the assignments. `undefined` = same content, no change. */
export function withTariff(
  current: TariffRecord | undefined,
  input: TariffInput,
  lastUpdated: string,
): TariffRecord | undefined {
  const appliesTo = isLive(current) ? current.appliesTo : [];
  if (isLive(current) && recordHash(current) === contentHash(input.tariff, appliesTo)) return undefined;
  return {
    tariffId: input.tariffId,
    countryCode: input.countryCode,
    partyId: input.partyId,
    ocpiVersion: input.ocpiVersion,
    tariff: { ...input.tariff, last_updated: lastUpdated },
    appliesTo,
    lastUpdated,
    ...(current?.seedHash !== undefined ? { seedHash: current.seedHash } : {}),
  };
}

/**
 * Replace the connectors a live tariff applies to. The OCPI object itself is unchanged (its
 * `last_updated` stays); the record's `lastUpdated` moves, and the gateway stamps the connectors with it.
 */
export function withAssignment(
  current: LiveTariffRecord,
  appliesTo: readonly string[],
  lastUpdated: string,
): TariffRecord | undefined {
  if (recordHash(current) === contentHash(current.tariff, appliesTo)) return undefined;
  return { ...current, appliesTo: [...appliesTo], lastUpdated };
}

/** The tombstone: no tariff, no connectors. */
export function deleted(current: TariffRecord, lastUpdated: string): TariffRecord {
  return { ...current, tariff: null, appliesTo: [], lastUpdated };
}

/** The record a seed entry writes: its tariff and its connectors, marked with the entry's hash. */
export function seeded(
  entry: { input: TariffInput; appliesTo: readonly string[]; hash: string },
  lastUpdated: string,
): TariffRecord {
  return {
    tariffId: entry.input.tariffId,
    countryCode: entry.input.countryCode,
    partyId: entry.input.partyId,
    ocpiVersion: entry.input.ocpiVersion,
    tariff: { ...entry.input.tariff, last_updated: lastUpdated },
    appliesTo: [...entry.appliesTo],
    lastUpdated,
    seedHash: entry.hash,
  };
}
