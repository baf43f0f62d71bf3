import { createHmac, randomBytes } from 'node:crypto';
import type { OcppVersion } from '@tapcharge/ocpp';
import { verifyPassword } from '../../domain/password-hash';
import type { StationRecord } from '../../domain/station';
import type { StationRegistry } from '../ports/station-registry.port';

export type AuthDecision =
  | { ok: true; station: StationRecord; protocol: OcppVersion }
  | { ok: false; status: 400 | 401 | 404; reason: string };

/** Server preference when a station may speak either version. */
const PREFERENCE: readonly OcppVersion[] = ['ocpp2.0.1', 'ocpp1.6'];

/**
 * Decides a WebSocket upgrade (OCPP-J 1.6 §5 / 2.0.1 Part 4 §3, security profiles 1 and 2): unknown or
 * disabled station -> 404 (the spec's answer for an unknown identity), missing or wrong Basic Auth
 * password -> 401, no common subprotocol -> 400. A successful scrypt check is remembered (keyed by an
 * HMAC with a per-process key) so a reconnect storm does not cost one scrypt per socket.
 */
export class AuthenticateStation {
  private readonly verified = new Set<string>();
  private readonly key = randomBytes(32);

  constructor(
    private readonly registry: StationRegistry,
    private readonly opts: { requirePassword: boolean; cacheSize?: number },
  ) {}

  async decide(
    stationId: string,
    password: Buffer | undefined,
    offered: ReadonlySet<string>,
  ): Promise<AuthDecision> {
    const station = await this.registry.find(stationId);
    if (!station || !station.enabled) return { ok: false, status: 404, reason: 'unknown station' };
    if (station.passwordHash) {
      if (!password) return { ok: false, status: 401, reason: 'password required' };
      if (!(await this.passwordMatches(station, station.passwordHash, password))) {
        return { ok: false, status: 401, reason: 'wrong password' };
      }
    } else if (this.opts.requirePassword) {
      return { ok: false, status: 401, reason: 'station has no password and the gateway requires one' };
    }
    const wanted = station.protocol ? [station.protocol] : PREFERENCE;
    const protocol = wanted.find((p) => offered.has(p));
    if (!protocol) return { ok: false, status: 400, reason: `subprotocol ${wanted.join('/')} not offered` };
    return { ok: true, station, protocol };
  }

  private async passwordMatches(station: StationRecord, hash: string, password: Buffer): Promise<boolean> {
    const token = createHmac('sha256', this.key)
      .update(station.stationId)
      .update('\0')
      .update(hash)
      .update('\0')
      .update(password)
      .digest('base64');
    if (this.verified.has(token)) return true;
    if (!(await verifyPassword(password, hash))) return false;
    if (this.verified.size >= (this.opts.cacheSize ?? 100_000)) this.verified.clear();
    this.verified.add(token);
    return true;
  }
}
