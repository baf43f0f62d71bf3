import type { TransactionRecord, TransactionStore } from '../ports/transaction-store.port';
import { TransactionCache } from './transaction-cache';

const record = (
  transactionId: string,
  startedAt: string,
  extra: Partial<TransactionRecord> = {},
): TransactionRecord => ({
  stationId: 'CP1',
  transactionId,
  protocol: 'ocpp1.6',
  ocppEvseId: 1,
  ocppConnectorId: 1,
  meterStartWh: 0,
  startedAt,
  ...extra,
});

function storeWith(...records: TransactionRecord[]): TransactionStore & { finds: number } {
  const store = {
    finds: 0,
    find: async (stationId: string, transactionId: string) => {
      store.finds++;
      return records.find((r) => r.stationId === stationId && r.transactionId === transactionId);
    },
    startOrReplay16: async () => {
      throw new Error('unused');
    },
    record201: async () => {
      throw new Error('unused');
    },
    markStopped: async () => undefined,
  };
  return store;
}

describe('TransactionCache', () => {
  it('should answer from memory after the first store read (MeterValues hot path)', async () => {
    const store = storeWith(record('7', '2025-01-01T00:00:00Z'));
    const cache = new TransactionCache(store);
    expect(await cache.get('CP1', '7')).toMatchObject({ transactionId: '7' });
    expect(await cache.get('CP1', '7')).toMatchObject({ transactionId: '7' });
    expect(store.finds).toBe(1);
  });

  it('should find the open transaction of a connector for a 1.6 MeterValues without transactionId (§6.31)', () => {
    const cache = new TransactionCache(storeWith());
    cache.put(record('1', '2025-01-01T00:00:00Z', { stoppedAt: '2025-01-01T01:00:00Z' }));
    cache.put(record('2', '2025-01-01T02:00:00Z'));
    expect(cache.openOn('CP1', 1)?.transactionId).toBe('2');
    expect(cache.openOn('CP1', 2)).toBeUndefined();
  });

  it('should not report a stopped transaction as open', () => {
    const cache = new TransactionCache(storeWith());
    const r = record('3', '2025-01-01T00:00:00Z');
    cache.put(r);
    r.stoppedAt = '2025-01-01T00:30:00Z';
    expect(cache.openOn('CP1', 1)).toBeUndefined();
  });

  it('should forget the oldest entries beyond its capacity', async () => {
    const store = storeWith(record('1', '2025-01-01T00:00:00Z'));
    const cache = new TransactionCache(store, 1);
    cache.put(record('1', '2025-01-01T00:00:00Z'));
    cache.put(record('2', '2025-01-01T01:00:00Z', { ocppEvseId: 2 }));
    await cache.get('CP1', '1');
    expect(store.finds).toBe(1);
  });
});
