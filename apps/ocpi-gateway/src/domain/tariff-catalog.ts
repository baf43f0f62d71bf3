import Decimal from 'decimal.js';
import {
  inDateRange,
  Tariff221,
  Tariff230,
  tariffTo221,
  tariffTo230,
  type OcpiVersion,
  type PagingQuery,
} from '@tapcharge/ocpi';

export interface StoredTariff {
  id: string;
  /** The shape the tariff service published. */
  version: OcpiVersion;
  tariff: Tariff221 | Tariff230;
  appliesTo: string[];
  lastUpdated: string;
}

/**
 * The Tariffs we publish (from TariffChanged), rendered in the caller's version. A 2.2.1 tariff served as
 * 2.3.0 gets `preauthorize_amount` = the default pre-authorisation amount: that is the limit we enforce for
 * it, so the PTP reserves exactly what a session may cost (ADR 0005).
 */
export class TariffCatalog {
  private readonly tariffs = new Map<string, StoredTariff>();
  private readonly json = new Map<string, string>();
  private changes = 0;

  constructor(private readonly defaultPreauthAmount: string) {}

  /** Counts changes: caches of rendered pages compare it to know they are stale. */
  revision(): number {
    return this.changes;
  }

  /** Applies a stored/published tariff unless an equal or newer one is known. Returns true when applied. */
  upsert(t: StoredTariff): boolean {
    const known = this.tariffs.get(t.id);
    if (known && Date.parse(known.lastUpdated) > Date.parse(t.lastUpdated)) return false;
    this.tariffs.set(t.id, t);
    this.changes++;
    this.json.delete(`2.2.1|${t.id}`);
    this.json.delete(`2.3.0|${t.id}`);
    return true;
  }

  remove(id: string): void {
    if (this.tariffs.delete(id)) this.changes++;
    this.json.delete(`2.2.1|${id}`);
    this.json.delete(`2.3.0|${id}`);
  }

  all(): StoredTariff[] {
    return [...this.tariffs.values()];
  }

  get(id: string): StoredTariff | undefined {
    return this.tariffs.get(id);
  }

  render(t: StoredTariff, version: OcpiVersion): Tariff221 | Tariff230 {
    if (t.version === version) {
      if (version === '2.3.0') {
        const v = t.tariff as Tariff230;
        return v.preauthorize_amount === undefined
          ? { ...v, preauthorize_amount: Number(this.defaultPreauthAmount) }
          : v;
      }
      return t.tariff;
    }
    return version === '2.2.1'
      ? tariffTo221(t.tariff as Tariff230)
      : tariffTo230(t.tariff as Tariff221, Number(this.defaultPreauthAmount));
  }

  page(version: OcpiVersion, q: PagingQuery, limit: number): { items: string[]; total: number } {
    const all = [...this.tariffs.values()]
      .filter((t) => inDateRange(t.lastUpdated, q))
      .sort((a, b) => Date.parse(a.lastUpdated) - Date.parse(b.lastUpdated) || a.id.localeCompare(b.id));
    const items = all.slice(q.offset, q.offset + limit).map((t) => {
      const key = `${version}|${t.id}`;
      let s = this.json.get(key);
      if (s === undefined) {
        s = JSON.stringify(this.render(t, version));
        this.json.set(key, s);
      }
      return s;
    });
    return { items, total: all.length };
  }

  /**
   * The tariff a card-paying driver gets on a connector at `at`: among the connector's tariff_ids, an
   * AD_HOC_PAYMENT tariff valid at that time first, then any valid one.
   */
  selectFor(tariffIds: readonly string[], at: Date): StoredTariff | undefined {
    const valid = tariffIds
      .map((id) => this.tariffs.get(id))
      .filter((t): t is StoredTariff => t !== undefined)
      .filter((t) => {
        const start = t.tariff.start_date_time;
        const end = t.tariff.end_date_time;
        if (start !== undefined && Date.parse(start) > at.getTime()) return false;
        if (end !== undefined && Date.parse(end) <= at.getTime()) return false;
        return true;
      });
    return (
      valid.find((t) => t.tariff.type === 'AD_HOC_PAYMENT') ??
      valid.find((t) => t.tariff.type === undefined) ??
      valid[0]
    );
  }

  /**
   * The limit incl. VAT for a session on this tariff: the lowest of its `preauthorize_amount` (a card
   * amount, read as gross, digest 1.7.7) and its gross `max_price`; the configured default when neither is set.
   */
  limitInclVat(t: StoredTariff): string {
    const candidates: Decimal[] = [];
    if (t.version === '2.3.0') {
      const v = t.tariff as Tariff230;
      if (v.preauthorize_amount !== undefined) candidates.push(new Decimal(v.preauthorize_amount.toString()));
      const max =
        v.max_price?.after_taxes ?? (v.tax_included === 'N/A' ? v.max_price?.before_taxes : undefined);
      if (max !== undefined) candidates.push(new Decimal(max.toString()));
    } else {
      const max = (t.tariff as Tariff221).max_price?.incl_vat;
      if (max !== undefined) candidates.push(new Decimal(max.toString()));
    }
    if (candidates.length === 0) return new Decimal(this.defaultPreauthAmount).toFixed(2);
    return Decimal.min(...candidates).toFixed(2);
  }
}
