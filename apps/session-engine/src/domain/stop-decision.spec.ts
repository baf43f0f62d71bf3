import { decideStop, planningPower, secondsToLimit } from './stop-decision';

describe('cost-limit stop decision (DESIGN.md §5)', () => {
  // Budget energy (Wh) at power (W) -> seconds to the limit; stop now when that is within latency + margin.
  const table: Array<
    [
      string,
      { energyWh: number; seconds: number },
      number,
      number,
      number,
      'STOP_NOW' | 'ARM_TIMER' | 'NONE',
      number | null,
    ]
  > = [
    //  name                                  budget                                    power    latency margin action       arm in s
    ['3.7 kW, plenty left: arm', { energyWh: 3700, seconds: Infinity }, 3_700, 5, 2, 'ARM_TIMER', 3600 - 7],
    ['3.7 kW, 5 Wh left: stop now', { energyWh: 5, seconds: Infinity }, 3_700, 5, 2, 'STOP_NOW', null],
    [
      '350 kW, 0.6 kWh left = 6.2 s: stop now',
      { energyWh: 600, seconds: Infinity },
      350_000,
      5,
      2,
      'STOP_NOW',
      null,
    ],
    [
      '350 kW, 1 kWh left = 10.3 s: arm 3.3 s',
      { energyWh: 1000, seconds: Infinity },
      350_000,
      5,
      2,
      'ARM_TIMER',
      (1000 / 350_000) * 3600 - 7,
    ],
    ['time tariff binds before energy', { energyWh: 1e9, seconds: 60 }, 11_000, 5, 2, 'ARM_TIMER', 53],
    ['time budget inside latency: stop now', { energyWh: 1e9, seconds: 6 }, 11_000, 5, 2, 'STOP_NOW', null],
    ['no budget at all: stop now', { energyWh: 0, seconds: 0 }, 11_000, 0, 0, 'STOP_NOW', null],
    ['free tariff never stops', { energyWh: Infinity, seconds: Infinity }, 11_000, 5, 2, 'NONE', null],
    [
      'zero latency, exact margin boundary',
      { energyWh: (11_000 * 2) / 3600, seconds: Infinity },
      11_000,
      0,
      2,
      'STOP_NOW',
      null,
    ],
  ];

  // Every row has all seven columns: jest treats a missing trailing argument as a `done` callback.
  it.each(table)('%s', (_name, budget, power, latency, margin, action, armInS) => {
    const d = decideStop({
      nowMs: 1_000_000,
      budget,
      planningPowerW: power,
      stopLatencyS: latency,
      marginS: margin,
    });
    expect(d.action).toBe(action);
    if (d.action === 'ARM_TIMER' && armInS !== null)
      expect((d.atMs - 1_000_000) / 1000).toBeCloseTo(armInS, 6);
  });

  it('secondsToLimit takes the tighter of energy and time', () => {
    expect(secondsToLimit({ energyWh: 1000, seconds: 10 }, 3600)).toBe(10);
    expect(secondsToLimit({ energyWh: 1, seconds: 10 }, 3600)).toBe(1);
    expect(secondsToLimit({ energyWh: 1, seconds: 10 }, 0)).toBe(10);
  });

  it.each([
    [undefined, 0, 0.15, 1000, 1150],
    [7400, 11000, 0.15, 1000, 12650],
    [22000, 11000, 0, 1000, 22000],
  ])('planningPower(last=%s, max=%s, headroom=%s, floor=%s) = %s', (last, max, headroom, floor, expected) => {
    expect(planningPower(last, max, headroom, floor)).toBeCloseTo(expected, 9);
  });
});
