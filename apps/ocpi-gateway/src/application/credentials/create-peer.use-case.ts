import { randomUUID } from 'node:crypto';
import { hashToken, newCredentialsToken } from '../../domain/ids';
import { versionsUrl, type GatewayContext } from '../gateway-context';
import type { PeerRepository } from '../ports/peer-repository.port';

export interface CreatePeerCommand {
  name: string;
  /** The party the operator expects the PTP to register as (informational). */
  countryCode?: string | undefined;
  partyId?: string | undefined;
}

export interface CreatePeerResult {
  peerId: string;
  tokenA: string;
  versionsUrl: string;
}

/** Admin: creates CREDENTIALS_TOKEN_A for a new PTP; handed over out of band with our versions URL. */
export class CreatePeerUseCase {
  constructor(
    private readonly peers: PeerRepository,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(cmd: CreatePeerCommand): Promise<CreatePeerResult> {
    const tokenA = newCredentialsToken();
    const now = this.ctx.now().toISOString();
    const peerId = randomUUID();
    await this.peers.create({
      id: peerId,
      name: cmd.name,
      status: 'PENDING',
      tokenAHash: hashToken(tokenA),
      endpoints: [],
      roles: [],
      ...(cmd.countryCode || cmd.partyId
        ? {
            partyHint: {
              ...(cmd.countryCode ? { countryCode: cmd.countryCode.toUpperCase() } : {}),
              ...(cmd.partyId ? { partyId: cmd.partyId.toUpperCase() } : {}),
            },
          }
        : {}),
      createdAt: now,
      updatedAt: now,
    });
    return { peerId, tokenA, versionsUrl: versionsUrl(this.ctx) };
  }
}
