import { z } from 'zod';
import { hashPassword } from '../../domain/password-hash';
import type { StationRecord } from '../../domain/station';
import type { StationRegistry } from '../ports/station-registry.port';

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

/** What the admin API shows of a station: never the hash. */
export type StationView = Omit<StationRecord, 'passwordHash'> & { hasPassword: boolean };

const view = ({ passwordHash, ...rest }: StationRecord): StationView => ({
  ...rest,
  hasPassword: !!passwordHash,
});

export class StationAdmin {
  constructor(
    private readonly registry: StationRegistry,
    private readonly hashCost?: number,
  ) {}

  async register(input: RegisterStationInput): Promise<StationView> {
    const s = RegisterStationInput.parse(input);
    const record: StationRecord = {
      stationId: s.stationId,
      ...(s.protocol ? { protocol: s.protocol } : {}),
      ...(s.password ? { passwordHash: await hashPassword(s.password, this.hashCost) } : {}),
      enabled: s.enabled,
      connectors: s.connectors,
    };
    await this.registry.upsert(record);
    return view((await this.registry.find(s.stationId)) ?? record);
  }

  async rotatePassword(stationId: string, password: string): Promise<boolean> {
    return this.registry.setPasswordHash(
      stationId,
      await hashPassword(StationPassword.parse(password), this.hashCost),
    );
  }

  async list(): Promise<StationView[]> {
    return (await this.registry.list()).map(view);
  }

  async get(stationId: string): Promise<StationView | undefined> {
    const s = await this.registry.find(stationId);
    return s ? view(s) : undefined;
  }

  /** Registers the seed stations that are not in the registry yet (passwords hashed here). */
  async seed(stations: readonly RegisterStationInput[]): Promise<number> {
    let added = 0;
    for (const s of stations) {
      if (await this.registry.find(s.stationId)) continue;
      await this.register(s);
      added++;
    }
    return added;
  }
}
