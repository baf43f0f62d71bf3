import { createEvent, StationBootedV1 } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { applyOnce } from './apply-once';
import { fromOutbox, type Aggregate } from './aggregate-store';

describe('applyOnce', () => {
  const cause = createEvent(StationBootedV1, SAMPLE_PAYLOADS.StationBooted, { producer: 't' });
  const empty: Aggregate<{ n: number }> = {
    id: 'a',
    version: 3,
    state: { n: 0 },
    processedEventIds: [],
    outbox: [],
  };

  it('applies a new event, remembers its id and appends the emitted events to the outbox', () => {
    const out = createEvent(StationBootedV1, SAMPLE_PAYLOADS.StationBooted, {
      producer: 't',
      causedBy: cause,
    });
    const next = applyOnce(empty, cause, (s) => ({ state: { n: s.n + 1 }, emit: [out] }));
    expect(next?.state).toEqual({ n: 1 });
    expect(next?.processedEventIds).toEqual([cause.eventId]);
    expect(next?.version).toBe(3);
    expect(fromOutbox(next?.outbox ?? [])).toEqual([out]);
  });

  it('ignores an event it already applied', () => {
    const once = applyOnce(empty, cause, (s) => ({ state: { n: s.n + 1 }, emit: [] }));
    expect(once && applyOnce(once, cause, (s) => ({ state: { n: s.n + 1 }, emit: [] }))).toBeUndefined();
  });
});
