import type { CdrLocation, ConnectorKey } from '../../domain/cdr/cdr-location';

/** The CdrLocation of a connector (Location, EVSE and connector data as published to PTPs). */
export interface LocationDirectory {
  find(key: ConnectorKey): CdrLocation | undefined;
}
