import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LocationDirectory } from '../../application/ports/location-directory.port';
import type { CdrLocation, ConnectorKey } from '../../domain/cdr/cdr-location';

const Connector = z.object({
  id: z.string(),
  standard: z.string(),
  format: z.string(),
  power_type: z.string(),
});
const Evse = z.object({ uid: z.string(), evse_id: z.string().optional(), connectors: z.array(Connector) });
const Location = z.object({
  id: z.string(),
  name: z.string().optional(),
  address: z.string(),
  city: z.string(),
  postal_code: z.string().optional(),
  state: z.string().optional(),
  country: z.string(),
  coordinates: z.object({ latitude: z.string(), longitude: z.string() }),
  evses: z.array(Evse).default([]),
});
const SeedFile = z.object({ locations: z.array(z.unknown()) });

/**
 * The CdrLocation directory from the Location seed the OCPI gateway publishes (OCPI Location objects). A
 * Location that does not parse is skipped with its reason; a missing file gives an empty directory.
 */
export function loadLocationDirectory(
  path: string,
  onSkip: (reason: string) => void = () => undefined,
): LocationDirectory {
  const byConnector = new Map<string, CdrLocation>();
  const k = (key: ConnectorKey) => `${key.locationId}\u0000${key.evseUid}\u0000${key.connectorId}`;
  if (existsSync(path)) {
    const file = SeedFile.parse(JSON.parse(readFileSync(path, 'utf8')));
    file.locations.forEach((raw, i) => {
      const parsed = Location.safeParse(raw);
      if (!parsed.success) {
        onSkip(`${path}: locations[${i}]: ${z.prettifyError(parsed.error)}`);
        return;
      }
      const loc = parsed.data;
      for (const evse of loc.evses) {
        for (const c of evse.connectors) {
          byConnector.set(k({ locationId: loc.id, evseUid: evse.uid, connectorId: c.id }), {
            id: loc.id,
            ...(loc.name ? { name: loc.name } : {}),
            address: loc.address.slice(0, 45),
            city: loc.city.slice(0, 45),
            ...(loc.postal_code ? { postal_code: loc.postal_code } : {}),
            ...(loc.state ? { state: loc.state } : {}),
            country: loc.country,
            coordinates: { latitude: loc.coordinates.latitude, longitude: loc.coordinates.longitude },
            evse_uid: evse.uid,
            evse_id: evse.evse_id ?? evse.uid,
            connector_id: c.id,
            connector_standard: c.standard,
            connector_format: c.format,
            connector_power_type: c.power_type,
          });
        }
      }
    });
  } else {
    onSkip(`${path} not found: CDRs will carry placeholder locations`);
  }
  return { find: (key) => byConnector.get(k(key)) };
}
