import type { Logger } from '@tapcharge/logging';
import type { Registry } from 'prom-client';
import type { ListPeersUseCase } from '../../application/admin/list-peers.use-case';
import type { RevokePeerUseCase } from '../../application/admin/revoke-peer.use-case';
import type { UpsertLocationUseCase } from '../../application/admin/upsert-location.use-case';
import type { CreatePeerUseCase } from '../../application/credentials/create-peer.use-case';
import type { PeerAuthenticator } from '../../application/credentials/peer-authenticator';
import type { RegisterCredentialsUseCase } from '../../application/credentials/register-credentials.use-case';
import type { UnregisterCredentialsUseCase } from '../../application/credentials/unregister-credentials.use-case';
import type { StartSessionUseCase } from '../../application/commands/start-session.use-case';
import type { StopSessionUseCase } from '../../application/commands/stop-session.use-case';
import type { GatewayContext } from '../../application/gateway-context';
import type { AssignTerminalUseCase } from '../../application/payments/assign-terminal.use-case';
import type { ConfirmPaymentUseCase } from '../../application/payments/confirm-payment.use-case';
import type { RegisterTerminalUseCase } from '../../application/payments/register-terminal.use-case';
import type { TerminalActivationUseCase } from '../../application/payments/terminal-activation.use-case';
import type { PaymentsRepository } from '../../application/ports/payments-repository.port';
import type { SessionStore } from '../../application/ports/session-store.port';
import type { LocationReadModel } from '../../domain/location-read-model';
import type { TariffCatalog } from '../../domain/tariff-catalog';

/** Everything the HTTP adapters call, built by the composition root and provided under one DI token. */
export interface GatewayServices {
  ctx: GatewayContext;
  logger: Logger;
  adminToken: string;
  authenticator: PeerAuthenticator;
  registerCredentials: RegisterCredentialsUseCase;
  unregisterCredentials: UnregisterCredentialsUseCase;
  createPeer: CreatePeerUseCase;
  startSession: StartSessionUseCase;
  stopSession: StopSessionUseCase;
  registerTerminal: RegisterTerminalUseCase;
  assignTerminal: AssignTerminalUseCase;
  confirmPayment: ConfirmPaymentUseCase;
  terminalActivation: TerminalActivationUseCase;
  listPeers: ListPeersUseCase;
  revokePeer: RevokePeerUseCase;
  upsertLocation: UpsertLocationUseCase;
  locations: LocationReadModel;
  tariffs: TariffCatalog;
  sessions: SessionStore;
  payments: PaymentsRepository;
  metrics: Registry;
  readiness: () => Promise<Record<string, boolean>>;
}

export const GATEWAY_SERVICES = Symbol('GATEWAY_SERVICES');
