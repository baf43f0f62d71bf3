import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import { parseOcpi, tariffSchemaFor } from '@tapcharge/ocpi';
import type { LocationReadModel } from '../../domain/location-read-model';
import type { StoredTariff, TariffCatalog } from '../../domain/tariff-catalog';
import type { LocationStore } from '../ports/location-store.port';
import { InvalidEventError } from './invalid-event.error';

/** Latest tariff per id (compacted topic): the Tariffs we serve, and the connectors' `tariff_ids`. */
export class OnTariffChangedUseCase {
  constructor(
    private readonly catalog: TariffCatalog,
    private readonly model: LocationReadModel,
    private readonly store: LocationStore,
  ) {}

  async execute(event: EnvelopeOf<typeof EVENTS.TariffChanged>): Promise<void> {
    const p = event.payload;
    const at = new Date(p.lastUpdated);
    if (p.tariff === null) {
      this.catalog.remove(p.tariffId);
      this.model.assignTariff(p.tariffId, [], at);
      await this.store.deleteTariff(p.tariffId);
      return;
    }
    const parsed = parseOcpi(tariffSchemaFor(p.ocpiVersion), p.tariff, 'tariff');
    if (!parsed.ok) throw new InvalidEventError(`TariffChanged ${p.tariffId}: ${parsed.message}`);
    const stored: StoredTariff = {
      id: p.tariffId,
      version: p.ocpiVersion,
      tariff: parsed.value,
      appliesTo: p.appliesTo,
      lastUpdated: parsed.value.last_updated,
    };
    if (!this.catalog.upsert(stored)) return;
    // an empty `appliesTo` carries no assignment: the seed's / earlier tariff_ids stay (ADR 0005)
    if (p.appliesTo.length > 0) this.model.assignTariff(p.tariffId, p.appliesTo, at);
    await this.store.saveTariff(stored);
  }
}
