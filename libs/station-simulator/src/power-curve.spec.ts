import { SimClock } from './clock';
import { parsePowerCurve, powerW, socAfter } from './power-curve';

describe('power curve', () => {
  it.each([
    [{ kind: 'constant', kw: 22 } as const, 50, 22_000],
    [{ kind: 'constant', kw: 22 } as const, 100, 0],
    [{ kind: 'taper', peakKw: 150, taperFromSoc: 60 } as const, 40, 150_000],
    [{ kind: 'taper', peakKw: 150, taperFromSoc: 60 } as const, 80, 75_000],
    [{ kind: 'taper', peakKw: 150, taperFromSoc: 60 } as const, 99.9, 1_000],
  ])('should draw %j at SoC %p as %p W', (curve, soc, expected) => {
    expect(powerW(curve, soc)).toBeCloseTo(expected, 0);
  });

  it('should raise SoC with the energy delivered, capped at 100', () => {
    expect(socAfter({ capacityKwh: 60, startSoc: 20 }, 6000)).toBeCloseTo(30);
    expect(socAfter({ capacityKwh: 60, startSoc: 20 }, 600_000)).toBe(100);
  });

  it.each([
    ['constant:11', { kind: 'constant', kw: 11 }],
    ['taper:150:60', { kind: 'taper', peakKw: 150, taperFromSoc: 60 }],
  ])('should parse %s', (text, curve) => {
    expect(parsePowerCurve(text)).toEqual(curve);
  });

  it.each([['flat:1'], ['constant:0'], ['taper:150:100']])('should refuse %s', (text) => {
    expect(() => parsePowerCurve(text)).toThrow(/bad power curve/);
  });
});

describe('SimClock', () => {
  it('should convert simulated spans to real ones with the factor', () => {
    const clock = new SimClock(60);
    expect(clock.realMs(60_000)).toBe(1_000);
    expect(clock.realMs(1)).toBe(1);
  });

  it('should refuse a factor that is not positive', () => {
    expect(() => new SimClock(0)).toThrow();
  });
});
