import type { OcppVersion } from '@tapcharge/ocpp';
import type { StationRuntime } from '../../application/ports/station-status.port';

/**
 * What one gateway instance knows about one station (short keys: an instance document holds thousands).
 * Times are epoch milliseconds.
 */
export interface PresenceEntry {
  /** station id */
  s: string;
  /** the socket is open on that instance */
  on: boolean;
  p?: OcppVersion;
  /** connected at */
  c?: number;
  /** disconnected at */
  d?: number;
  /** last frame at */
  l?: number;
  /** BootNotification facts: vendor, model, firmware, serial */
  v?: string;
  m?: string;
  f?: string;
  sn?: string;
}

/** The stations one instance reports, and whether that instance is alive. */
export interface PresenceSource {
  instanceId: string;
  live: boolean;
  stations: Iterable<PresenceEntry>;
}

/**
 * Folds every instance's view into one runtime status per station. The holder is the newest connection
 * on a live instance (during a takeover two may claim it); without one, the newest connection anywhere
 * gives the protocol. Boot facts come from the newest connection that reported them (a reconnect to
 * another instance sends no BootNotification), the last frame time is the latest anyone saw.
 */
export function mergePresence(
  sources: readonly PresenceSource[],
  wanted?: ReadonlySet<string>,
): Map<string, StationRuntime> {
  interface Pick {
    e: PresenceEntry;
    instanceId: string;
    connected: boolean;
  }
  const holder = new Map<string, Pick>();
  const facts = new Map<string, PresenceEntry>();
  const lastSeen = new Map<string, number>();
  for (const src of sources) {
    for (const e of src.stations) {
      if (wanted && !wanted.has(e.s)) continue;
      if (e.l !== undefined) lastSeen.set(e.s, Math.max(lastSeen.get(e.s) ?? 0, e.l));
      const known = facts.get(e.s);
      if ((e.v || e.m || e.f) && (!known || (e.c ?? 0) > (known.c ?? 0))) facts.set(e.s, e);
      const held = holder.get(e.s);
      const connected = e.on && src.live;
      const newer = !held || (e.c ?? 0) > (held.e.c ?? 0);
      if (!held || (connected && !held.connected) || (connected === held.connected && newer)) {
        holder.set(e.s, { e, instanceId: src.instanceId, connected });
      }
    }
  }
  const result = new Map<string, StationRuntime>();
  for (const [stationId, { e, instanceId, connected }] of holder) {
    const f = facts.get(stationId);
    const seen = lastSeen.get(stationId);
    result.set(stationId, {
      connected,
      ...(connected ? { gatewayInstance: instanceId } : {}),
      ...(e.p ? { protocol: e.p } : {}),
      ...(seen ? { lastSeenAt: new Date(seen) } : {}),
      ...(f?.v ? { vendor: f.v } : {}),
      ...(f?.m ? { model: f.m } : {}),
      ...(f?.f ? { firmwareVersion: f.f } : {}),
    });
  }
  return result;
}
