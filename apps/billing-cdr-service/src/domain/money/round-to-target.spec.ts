import { dec } from './money';
import { roundToTarget } from './round-to-target';

describe('roundToTarget (largest remainder)', () => {
  it.each([
    { values: ['1.005', '1.005', '1.005'], target: '3.02', out: ['1.01', '1.01', '1.00'] },
    { values: ['6.372', '-2.372'], target: '4.00', out: ['6.37', '-2.37'] },
    { values: ['6.372', '-1.372'], target: '5.00', out: ['6.37', '-1.37'] },
    { values: ['0.3333', '0.3333', '0.3334'], target: '1.00', out: ['0.33', '0.33', '0.34'] },
    { values: ['10', '5'], target: '15.00', out: ['10.00', '5.00'] },
  ])('$values -> $target', ({ values, target, out }) => {
    const r = roundToTarget(
      values.map((v) => dec(v)),
      dec(target),
      2,
    );
    expect(r.map((v) => v.toFixed(2))).toEqual(out);
  });

  it('refuses a target outside the rounding slack', () => {
    expect(() => roundToTarget([dec('1.00')], dec('1.50'), 2)).toThrow(RangeError);
  });
});
