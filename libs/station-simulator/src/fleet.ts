import type { OcppVersion } from '@tapcharge/ocpp';
import { SimulatedStation, type StationOptions } from './station';

export interface FleetOptions extends Omit<StationOptions, 'id' | 'protocol'> {
  count: number;
  /** Station ids are `<prefix><n>` with n from 1, zero-padded to 5 digits. */
  idPrefix?: string;
  /** Exact station ids (registered ones); overrides `count`/`idPrefix`. */
  ids?: readonly string[];
  /** One protocol for all, or `mixed` to alternate 1.6 / 2.0.1. */
  protocol: OcppVersion | 'mixed';
  /** Password per station id; defaults to `options.password`. */
  passwordOf?: (id: string) => string | undefined;
  /** How many stations connect at once while ramping up. */
  concurrency?: number;
}

export function fleetStationId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(5, '0')}`;
}

/** Builds N stations (not yet started). */
export function createFleet(opts: FleetOptions): SimulatedStation[] {
  const prefix = opts.idPrefix ?? 'SIM-';
  const ids = opts.ids ?? Array.from({ length: opts.count }, (_, i) => fleetStationId(prefix, i + 1));
  return ids.map((id, i) => {
    const protocol: OcppVersion =
      opts.protocol === 'mixed' ? (i % 2 === 0 ? 'ocpp1.6' : 'ocpp2.0.1') : opts.protocol;
    return new SimulatedStation({ ...opts, id, protocol, password: opts.passwordOf?.(id) ?? opts.password });
  });
}

/** Starts stations with bounded concurrency; resolves with the ones that failed to start. */
export async function startAll(
  stations: readonly SimulatedStation[],
  concurrency = 200,
): Promise<Array<{ station: SimulatedStation; error: Error }>> {
  const failures: Array<{ station: SimulatedStation; error: Error }> = [];
  let next = 0;
  const worker = async () => {
    for (let station = stations[next++]; station; station = stations[next++]) {
      try {
        await station.start();
      } catch (error) {
        failures.push({ station, error: error as Error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, stations.length) }, worker));
  return failures;
}
