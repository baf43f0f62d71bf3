/** An instant: ISO 8601 / OCPI DateTime text, epoch milliseconds, or a Date. */
export type Timestamp = string | number | Date;

/** One meter reading of a running session (OCPP MeterValues, normalised). */
export interface MeterSample {
  readonly timestamp: Timestamp;
  /** Energy.Active.Import.Register in Wh (monotonic); resolution used: 1 mWh. */
  readonly energyWh: number | string;
  /** Power.Active.Import in W at this instant; used for power restrictions until the next sample. */
  readonly powerW?: number;
  /** Current.Import in A (sum over phases) at this instant; used until the next sample. */
  readonly currentA?: number;
  /** Whether the EV takes power from this sample to the next; inferred from the register when absent. */
  readonly charging?: boolean;
}

/** OCPI CdrDimension: ENERGY kWh, TIME / PARKING_TIME / RESERVATION_TIME hours, MIN/MAX_POWER kW, MIN/MAX_CURRENT A. */
export interface CdrDimensionInput {
  readonly type: string;
  readonly volume: number | string;
}

/** OCPI ChargingPeriod: it lasts until the next period starts (the last one until the session end). */
export interface ChargingPeriodInput {
  readonly startDateTime: Timestamp;
  readonly dimensions: readonly CdrDimensionInput[];
  readonly tariffId?: string;
}

interface SessionBase {
  /** IANA time zone of the Location; restrictions on time, date and weekday are local to it. */
  readonly timeZone: string;
}

/** A session given as OCPI charging periods (a CDR, or a Session object). */
export interface PeriodsSession extends SessionBase {
  readonly chargingPeriods: readonly ChargingPeriodInput[];
  /** Defaults to the first period's start. */
  readonly startDateTime?: Timestamp;
  readonly endDateTime: Timestamp;
  /**
   * True when the session is only a reservation that expired unused. By default a session whose
   * periods all carry RESERVATION_TIME is taken to be one.
   */
  readonly reservationExpired?: boolean;
}

/** A reservation that preceded a session given as meter samples. */
export interface ReservationInput {
  readonly startDateTime: Timestamp;
  readonly endDateTime: Timestamp;
}

/** A session given as meter samples, in time order; the first sample starts the session. */
export interface SamplesSession extends SessionBase {
  readonly meterSamples: readonly MeterSample[];
  readonly reservation?: ReservationInput;
}

export type SessionInput = PeriodsSession | SamplesSession;

export function isSamplesSession(session: SessionInput): session is SamplesSession {
  return 'meterSamples' in session;
}
