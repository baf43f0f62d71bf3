import { mergePresence, type PresenceSource } from './presence-entries';

const T = Date.parse('2026-03-01T10:00:00.000Z');

describe('mergePresence: one status per station from every gateway instance (ADR 0004 §3, §7)', () => {
  it('should name the live instance holding the station, with its protocol and boot facts', () => {
    const sources: PresenceSource[] = [
      {
        instanceId: 'gw-1',
        live: true,
        stations: [{ s: 'CP-1', on: true, p: 'ocpp1.6', c: T, l: T + 5_000, v: 'V', m: 'M', f: '1.2' }],
      },
    ];
    expect(mergePresence(sources).get('CP-1')).toEqual({
      connected: true,
      gatewayInstance: 'gw-1',
      protocol: 'ocpp1.6',
      lastSeenAt: new Date(T + 5_000),
      vendor: 'V',
      model: 'M',
      firmwareVersion: '1.2',
    });
  });

  it('should let the newer connection win when two live instances claim a station (takeover)', () => {
    const sources: PresenceSource[] = [
      { instanceId: 'gw-1', live: true, stations: [{ s: 'CP-1', on: true, p: 'ocpp1.6', c: T }] },
      { instanceId: 'gw-2', live: true, stations: [{ s: 'CP-1', on: true, p: 'ocpp2.0.1', c: T + 1 }] },
    ];
    expect(mergePresence(sources).get('CP-1')).toMatchObject({
      connected: true,
      gatewayInstance: 'gw-2',
      protocol: 'ocpp2.0.1',
    });
  });

  it('should not count a station held by a dead instance as connected, keeping what it reported', () => {
    const sources: PresenceSource[] = [
      { instanceId: 'gw-dead', live: false, stations: [{ s: 'CP-1', on: true, p: 'ocpp1.6', c: T, v: 'V' }] },
    ];
    expect(mergePresence(sources).get('CP-1')).toEqual({
      connected: false,
      protocol: 'ocpp1.6',
      vendor: 'V',
    });
  });

  it('should prefer a live connection over a newer closed one, and keep boot facts across a reconnect elsewhere', () => {
    const sources: PresenceSource[] = [
      // Booted on gw-1, moved to gw-2 (no BootNotification on a reconnect), then the old entry closed.
      {
        instanceId: 'gw-1',
        live: true,
        stations: [
          { s: 'CP-1', on: false, p: 'ocpp1.6', c: T, d: T + 9, l: T + 9, v: 'V', m: 'M', f: '1.2' },
        ],
      },
      {
        instanceId: 'gw-2',
        live: true,
        stations: [{ s: 'CP-1', on: true, p: 'ocpp1.6', c: T + 5, l: T + 20 }],
      },
    ];
    expect(mergePresence(sources).get('CP-1')).toEqual({
      connected: true,
      gatewayInstance: 'gw-2',
      protocol: 'ocpp1.6',
      lastSeenAt: new Date(T + 20),
      vendor: 'V',
      model: 'M',
      firmwareVersion: '1.2',
    });
  });

  it('should only report the wanted stations', () => {
    const sources: PresenceSource[] = [
      {
        instanceId: 'gw-1',
        live: true,
        stations: [
          { s: 'CP-1', on: true, c: T },
          { s: 'CP-2', on: true, c: T },
        ],
      },
    ];
    expect([...mergePresence(sources, new Set(['CP-2'])).keys()]).toEqual(['CP-2']);
  });
});
