import { createEvent, EVENTS } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { RECEIPT_EVENTS, toReceiptEvent } from './receipt-event.mapper';

const INTERNAL = ['S-1', 'CS-001', 'LOC-001', 'EVSE-001-1', 'ADHOC-123', 'T-1', 'CDR-1', 'FAC-1', '"42"'];

describe('toReceiptEvent', () => {
  it.each(RECEIPT_EVENTS.map((d) => [d.type, d] as const))(
    'maps %s to a fact of its reference without internal ids',
    (type, def) => {
      const event = createEvent(def, SAMPLE_PAYLOADS[type] as never, { producer: 'test' });
      const mapped = toReceiptEvent(event);
      expect(mapped?.reference).toBe('pp-100100-1948213567');
      expect(mapped?.eventId).toBe(event.eventId);
      const text = JSON.stringify(mapped?.input);
      for (const id of INTERNAL) expect(text).not.toContain(id);
    },
  );

  it('ignores events it does not project', () => {
    const event = createEvent(EVENTS.MaxPriceReached, SAMPLE_PAYLOADS.MaxPriceReached, { producer: 'test' });
    expect(toReceiptEvent(event)).toBeUndefined();
  });
});
