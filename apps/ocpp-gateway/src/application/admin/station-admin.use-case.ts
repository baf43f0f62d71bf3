import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { OcppVersion } from '@tapcharge/ocpp';
import { hashPassword } from '../../domain/password-hash';
import type { ConnectorMapping, StationRecord } from '../../domain/station';
import type { StationRegistry } from '../ports/station-registry.port';
import type { StationRuntime, StationStatusReader } from '../ports/station-status.port';

const ciString = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e]+$/);

/** OCPP 1.6 security whitepaper / 2.0.1 A00: Basic Auth passwords are 16-40 characters. */
export const StationPassword = z.string().min(16).max(40);

export const RegisterStationInput = z.object({
  stationId: z
    .string()
    .min(1)
    .max(48)
    .regex(/^[A-Za-z0-9._*:+|@-]+$/, 'identity must be URL-safe (OCPP-J)'),
  protocol: z.enum(['ocpp1.6', 'ocpp2.0.1']).optional(),
  password: StationPassword.optional(),
  enabled: z.boolean().default(true),
  connectors: z
    .array(
      z.object({
        ocppEvseId: z.number().int().min(1),
        ocppConnectorId: z.number().int().min(1),
        locationId: ciString(36),
        evseUid: ciString(36),
        connectorId: ciString(36),
      }),
    )
    .min(1),
});
export type RegisterStationInput = z.input<typeof RegisterStationInput>;

/**
 * One station as the admin API shows it (the operator CLI's contract, ADR 0004 §7): the registration and
 * what the gateway knows of the station at runtime. Never the password or its hash.
 */
export interface StationView {
  stationId: string;
  /** Subprotocol of the station's latest connection; null if it never connected. */
  protocol: OcppVersion | null;
  /** Connected to a live gateway instance (any instance, from the presence registry). */
  connected: boolean;
  gatewayInstance: string | null;
  /** ISO time of the latest frame of any kind (Heartbeat or other) from the station; null if none yet. */
  lastHeartbeatAt: string | null;
  firmwareVersion: string | null;
  vendor: string | null;
  model: string | null;
  connectors: ConnectorMapping[];
  /** The protocol the station is registered for; null = whichever it offers. */
  requiredProtocol: OcppVersion | null;
  enabled: boolean;
  hasPassword: boolean;
}

/** The answer to a registration: the view, plus the password once when the gateway generated it. */
export type RegisteredStation = StationView & { password?: string };

export class StationAlreadyRegistered extends Error {
  readonly code = 'STATION.ALREADY_REGISTERED';
  constructor(readonly stationId: string) {
    super(
      `station ${stationId} is already registered (rotate its password with POST /admin/stations/${stationId}/password)`,
    );
    this.name = 'StationAlreadyRegistered';
  }
}

/**
 * A generated station password: 16 random bytes as 32 hex digits. Within the 16-40 characters of
 * OCPP 2.0.1 BasicAuthPassword and valid as a 1.6 AuthorizationKey (hexBinary) too.
 */
export function generatePassword(): string {
  return randomBytes(16).toString('hex');
}

function viewOf(station: StationRecord, runtime: StationRuntime | undefined): StationView {
  return {
    stationId: station.stationId,
    protocol: runtime?.protocol ?? null,
    connected: runtime?.connected ?? false,
    gatewayInstance: runtime?.gatewayInstance ?? null,
    lastHeartbeatAt: runtime?.lastSeenAt?.toISOString() ?? null,
    firmwareVersion: runtime?.firmwareVersion ?? null,
    vendor: runtime?.vendor ?? null,
    model: runtime?.model ?? null,
    connectors: station.connectors,
    requiredProtocol: station.protocol ?? null,
    enabled: station.enabled,
    hasPassword: !!station.passwordHash,
  };
}

export class StationAdmin {
  constructor(
    private readonly registry: StationRegistry,
    private readonly runtime: StationStatusReader,
    private readonly hashCost?: number,
  ) {}

  /**
   * Registers a new station; without a password one is generated and returned once (only its hash is
   * stored). Throws StationAlreadyRegistered when the id exists.
   */
  async register(input: RegisterStationInput): Promise<RegisteredStation> {
    const s = RegisterStationInput.parse(input);
    const password = s.password ?? generatePassword();
    const record: StationRecord = {
      stationId: s.stationId,
      ...(s.protocol ? { protocol: s.protocol } : {}),
      passwordHash: await hashPassword(password, this.hashCost),
      enabled: s.enabled,
      connectors: s.connectors,
    };
    if (!(await this.registry.create(record))) throw new StationAlreadyRegistered(s.stationId);
    const view = viewOf(record, undefined);
    return s.password ? view : { ...view, password };
  }

  /** Sets a new password (generated when none is given); undefined when the station is not registered. */
  async rotatePassword(stationId: string, password?: string): Promise<{ password: string } | undefined> {
    const next = password === undefined ? generatePassword() : StationPassword.parse(password);
    const done = await this.registry.setPasswordHash(stationId, await hashPassword(next, this.hashCost));
    return done ? { password: next } : undefined;
  }

  async list(): Promise<StationView[]> {
    const [stations, runtime] = await Promise.all([this.registry.list(), this.runtime.runtimeOf()]);
    return stations.map((s) => viewOf(s, runtime.get(s.stationId)));
  }

  async get(stationId: string): Promise<StationView | undefined> {
    const s = await this.registry.find(stationId);
    if (!s) return undefined;
    return viewOf(s, (await this.runtime.runtimeOf([stationId])).get(stationId));
  }

  /** Registers the seed stations that are not in the registry yet (passwords hashed here). */
  async seed(stations: readonly RegisterStationInput[]): Promise<number> {
    let added = 0;
    for (const s of stations) {
      if (await this.registry.find(s.stationId)) continue;
      try {
        await this.register(s);
        added++;
      } catch (err) {
        // Another instance seeding at the same time registered it first.
        if (!(err instanceof StationAlreadyRegistered)) throw err;
      }
    }
    return added;
  }
}
