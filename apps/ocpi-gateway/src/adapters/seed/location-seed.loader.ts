import { Location230, parseOcpi, type Location } from '@tapcharge/ocpi';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConnectorMapping } from '../../domain/location-read-model';
import type { Party } from '../../domain/party';

const Mapping = z.object({
  locationId: z.string().min(1).max(36),
  evseUid: z.string().min(1).max(36),
  connectorId: z.string().min(1).max(36),
  stationId: z.string().min(1).max(48),
  ocppEvseId: z.number().int().min(0),
  ocppConnectorId: z.number().int().min(0),
});

const SeedFile = z.object({
  locations: z.array(z.unknown()),
  ocppMapping: z.array(Mapping).default([]),
});

export interface LocationSeed {
  locations: Location[];
  mappings: ConnectorMapping[];
}

/**
 * Reads `deploy/seed/locations.json` (OCPI 2.3.0 Locations; country/party replaced by ours) and, when present,
 * the OCPP gateway's `stations.json`: any object in it naming stationId + evseUid (+ OCPP ids) is a mapping.
 * A malformed seed stops the boot with the field that is wrong.
 */
export function loadLocationSeed(path: string, cpo: Party, stationsPath?: string): LocationSeed {
  const file = SeedFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  const locations = file.locations.map((raw, i) => {
    const parsed = parseOcpi(
      Location230,
      { ...(raw as object), country_code: cpo.countryCode, party_id: cpo.partyId },
      `locations.${i}`,
    );
    if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
    return parsed.value;
  });
  const mappings: ConnectorMapping[] = [...file.ocppMapping];
  if (stationsPath && existsSync(stationsPath))
    mappings.push(...mappingsFromStations(JSON.parse(readFileSync(stationsPath, 'utf8'))));
  return { locations, mappings };
}

/**
 * Tolerant reader of the station seed (ocpp-gateway's `stations.json`): every object naming `locationId` +
 * `evseUid` under an object naming `stationId` is a mapping; OCPP ids from `ocppEvseId`/`ocppConnectorId`,
 * the OCPI connector id from `connectorId` (default "1").
 */
export function mappingsFromStations(json: unknown, stationId?: unknown): ConnectorMapping[] {
  if (Array.isArray(json)) return json.flatMap((j) => mappingsFromStations(j, stationId));
  if (json === null || typeof json !== 'object') return [];
  const obj = json as Record<string, unknown>;
  const station = obj['stationId'] ?? stationId;
  const candidate = Mapping.safeParse({
    locationId: obj['locationId'],
    evseUid: obj['evseUid'],
    connectorId: String(obj['connectorId'] ?? '1'),
    stationId: station,
    ocppEvseId: obj['ocppEvseId'],
    ocppConnectorId: obj['ocppConnectorId'] ?? 1,
  });
  if (candidate.success) return [candidate.data];
  return Object.values(obj).flatMap((v) => (typeof v === 'object' ? mappingsFromStations(v, station) : []));
}
