import type { MeterSample } from '@tapcharge/contracts';
import { OCPI_STATUS, type Session } from '../../domain/session';

/** One line of `GET /admin/sessions`. */
export interface SessionSummary {
  sessionId: string;
  authorizationReference: string;
  ptp: string;
  state: Session['state'];
  stationId: string;
  evseUid: string;
  connectorId: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  energyWh: number;
  cost: Session['cost'];
  limitInclVat: Session['limitInclVat'];
  stopReason?: string;
}

/** `GET /admin/sessions/:authorizationReference`: everything the engine knows about one session. */
export interface SessionDetail extends SessionSummary {
  ocpiStatus: string;
  ocpiVersion: Session['ocpiVersion'];
  connector: Session['connector'];
  token: Session['token'];
  tariffId?: string;
  timeZone: string;
  transactionId?: string;
  lastUpdated: string;
  maxPriceReachedAt?: string;
  flaggedForReconciliation: boolean;
  power: { lastW?: number; maxW: number };
  commands: {
    start: { remoteStartId: number; idTag: string; resultSentToPtp: boolean };
    stop?: StopView;
    /** A stop asked before the charger started: sent as soon as the transaction starts. */
    stopWhenStarted?: StopView;
  };
  timers: Session['timers'];
  unexpected: Session['unexpected'];
  meter: MeterSummary;
}

interface StopView {
  reason: string;
  requestedAt: string;
  attempts: number;
  confirmedByCharger: boolean;
  /** Asked by the PTP's STOP_SESSION (which gets a CommandResult), not by the engine or an operator. */
  viaPtpCommand: boolean;
}

export interface MeterSummary {
  samples: number;
  first?: MeterSample;
  last?: MeterSample;
  /** Samples that arrived before the transaction start and wait for it. */
  early: number;
}

const party = (s: Session) => `${s.ptp.countryCode}-${s.ptp.partyId}`;

export function toSummary(s: Session): SessionSummary {
  const stopReason = s.stop?.reason ?? s.stopWhenStarted?.reason;
  return {
    sessionId: s.sessionId,
    authorizationReference: s.authorizationReference,
    ptp: party(s),
    state: s.state,
    stationId: s.connector.stationId,
    evseUid: s.connector.evseUid,
    connectorId: s.connector.connectorId,
    createdAt: s.createdAt,
    ...(s.startedAt ? { startedAt: s.startedAt } : {}),
    ...(s.endedAt ? { endedAt: s.endedAt } : {}),
    energyWh: s.energyWh,
    cost: s.cost,
    limitInclVat: s.limitInclVat,
    ...(stopReason ? { stopReason } : {}),
  };
}

export function toDetail(s: Session): SessionDetail {
  const stop = (r: NonNullable<Session['stop']>): StopView => ({
    reason: r.reason,
    requestedAt: r.requestedAt,
    attempts: r.attempts,
    confirmedByCharger: r.confirmedByCharger ?? false,
    viaPtpCommand: r.pendingResult !== undefined,
  });
  const samples = s.samples ?? [];
  const first = samples[0];
  const last = samples[samples.length - 1];
  return {
    ...toSummary(s),
    ocpiStatus: OCPI_STATUS[s.state],
    ocpiVersion: s.ocpiVersion,
    connector: s.connector,
    token: s.token,
    ...(s.tariffId ? { tariffId: s.tariffId } : {}),
    timeZone: s.timeZone,
    ...(s.transactionId ? { transactionId: s.transactionId } : {}),
    lastUpdated: s.lastUpdated,
    ...(s.maxPriceReachedAt ? { maxPriceReachedAt: s.maxPriceReachedAt } : {}),
    flaggedForReconciliation: s.flaggedForReconciliation,
    power: { ...(s.lastPowerW !== undefined ? { lastW: s.lastPowerW } : {}), maxW: s.maxPowerW },
    commands: {
      start: { remoteStartId: s.remoteStartId, idTag: s.idTag, resultSentToPtp: s.startResultSent },
      ...(s.stop ? { stop: stop(s.stop) } : {}),
      ...(s.stopWhenStarted ? { stopWhenStarted: stop(s.stopWhenStarted) } : {}),
    },
    timers: s.timers ?? [],
    unexpected: s.unexpected ?? [],
    meter: {
      samples: samples.length,
      ...(first ? { first } : {}),
      ...(last ? { last } : {}),
      early: s.early?.samples.length ?? 0,
    },
  };
}
