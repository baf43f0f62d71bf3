import { createEvent, TariffChangedV1 } from '@tapcharge/contracts';
import type { Logger } from '@tapcharge/logging';
import { TariffServiceError } from '../domain/tariff.errors';
import { nextLastUpdated, type TariffRecord } from '../domain/tariff-record';
import type { ChangeKind, ChangeObserver } from './ports/change-observer.port';
import type { Clock } from './ports/clock.port';
import type { TariffChangePublisher } from './ports/tariff-change-publisher.port';
import { StaleVersionError, type StoredTariff, type TariffRepository } from './ports/tariff-repository.port';

export const PRODUCER = 'tariff-service';

/** What a use case decides from the current record: the next one, and whether consumers must hear of it. */
export interface Change {
  readonly next: TariffRecord;
  /** false: bookkeeping only (e.g. a remembered seed hash), nothing consumers see changed. */
  readonly publish?: boolean;
}

export interface ChangeOutcome {
  readonly before: TariffRecord | undefined;
  /** The record as stored after the call (unchanged when nothing was decided). */
  readonly after: TariffRecord | undefined;
  readonly changed: boolean;
}

const MAX_ATTEMPTS = 5;

/**
 * The one write path: read the tariff, decide, write record + TariffChanged in one document (version-guarded),
 * then publish. A crash or broker outage after the write loses nothing: the event stays in the document
 * until the publisher confirms it. A concurrent writer makes us re-read and decide again.
 */
export class TariffChanges {
  constructor(
    private readonly repo: TariffRepository,
    private readonly publisher: TariffChangePublisher,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly observer: ChangeObserver,
  ) {}

  async apply(
    tariffId: string,
    kind: ChangeKind,
    decide: (current: TariffRecord | undefined, lastUpdated: string) => Change | undefined,
  ): Promise<ChangeOutcome> {
    for (let attempt = 1; ; attempt++) {
      const current: StoredTariff | undefined = await this.repo.get(tariffId);
      const lastUpdated = nextLastUpdated(current?.record.lastUpdated, this.clock.now());
      const change = decide(current?.record, lastUpdated);
      if (!change) return { before: current?.record, after: current?.record, changed: false };
      const publish = change.publish !== false;
      const version = (current?.version ?? 0) + 1;
      const event = publish ? this.event(change.next, version) : undefined;
      try {
        await this.repo.save(change.next, current?.version ?? 0, event);
      } catch (err) {
        if (!(err instanceof StaleVersionError)) throw err;
        if (attempt >= MAX_ATTEMPTS) {
          throw new TariffServiceError(
            'TARIFF.CONFLICT',
            `tariff ${tariffId} keeps changing concurrently; retry`,
          );
        }
        continue;
      }
      if (publish) {
        this.observer.changed(kind);
        await this.publisher.flush(tariffId).catch((err: unknown) => {
          this.observer.publishDeferred();
          this.log.warn({ err, tariffId }, 'TariffChanged stored, publish deferred to the outbox recovery');
        });
      }
      return { before: current?.record, after: change.next, changed: publish };
    }
  }

  private event(r: TariffRecord, version: number) {
    return createEvent(
      TariffChangedV1,
      {
        tariffId: r.tariffId,
        countryCode: r.countryCode,
        partyId: r.partyId,
        ocpiVersion: r.ocpiVersion,
        tariff: r.tariff as unknown as Record<string, unknown> | null,
        appliesTo: [...r.appliesTo],
        lastUpdated: r.lastUpdated,
      },
      // Deterministic per tariff version: a re-send after a crash carries the same id.
      { producer: PRODUCER, idDiscriminator: `${r.tariffId}@${version}`, occurredAt: r.lastUpdated },
    );
  }
}
