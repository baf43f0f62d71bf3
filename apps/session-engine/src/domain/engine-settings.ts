/** Tunables of the state machine and the cost-limit loop (from config; see apps/session-engine/src/config.ts). */
export interface EngineSettings {
  /** No transaction this long after the start command -> FAILED (CommandResult TIMEOUT). */
  startTimeoutS: number;
  /** Meter sample interval asked of chargers for card sessions (0 = do not ask). */
  cardMeterIntervalS: number;
  /** Stop latency assumed until measured for a station (RemoteStop sent -> meter stopped). */
  defaultStopLatencyS: number;
  /** Extra seconds of safety before the predicted crossing. */
  stopMarginS: number;
  /** Plan with this much more power than seen (0.15 = +15 %). */
  powerHeadroom: number;
  /** Never plan with less power than this (W), e.g. before the first power reading. */
  minPlanningPowerW: number;
  /** Re-send a stop the charger did not carry out after this many seconds. */
  stopRetryS: number;
  maxStopAttempts: number;
  /** Progress updates (SessionUpdated) at most this often per session, in seconds of meter time. */
  updateIntervalS: number;
  /** How long to wait for the start command's charger answer before asking again is pointless (ms). */
  commandTimeoutMs: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  startTimeoutS: 90,
  cardMeterIntervalS: 10,
  defaultStopLatencyS: 5,
  stopMarginS: 2,
  powerHeadroom: 0.15,
  minPlanningPowerW: 1_000,
  stopRetryS: 30,
  maxStopAttempts: 3,
  updateIntervalS: 10,
  commandTimeoutMs: 30_000,
};
