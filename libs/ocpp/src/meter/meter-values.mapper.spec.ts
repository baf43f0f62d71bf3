import { maxEnergyWh, normaliseMeterValues16, normaliseMeterValues201 } from './meter-values.mapper';
import { scaleDecimal } from './measurand';

const TS = '2025-04-25T12:00:00Z';
const ISO = '2025-04-25T12:00:00.000Z';

describe('normaliseMeterValues16 (OCPP 1.6 §7.45 SampledValue)', () => {
  it.each([
    [
      'should default measurand to Energy.Active.Import.Register and unit to Wh (§7.45)',
      [{ value: '1234' }],
      { energyWh: 1234 },
    ],
    ['should convert kWh to Wh without float noise', [{ value: '12.345', unit: 'kWh' }], { energyWh: 12345 }],
    [
      'should convert kW to W for Power.Active.Import',
      [{ value: '7.4', measurand: 'Power.Active.Import', unit: 'kW' }],
      { powerW: 7400 },
    ],
    [
      'should read Power.Active.Import without unit as W, not Wh',
      [{ value: '7400', measurand: 'Power.Active.Import' }],
      { powerW: 7400 },
    ],
    [
      'should read SoC in Percent at location EV',
      [{ value: '57', measurand: 'SoC', unit: 'Percent', location: 'EV' }],
      { socPercent: 57 },
    ],
    [
      'should take the highest phase of Current.Import',
      [
        { value: '15.9', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
        { value: '16.1', measurand: 'Current.Import', unit: 'A', phase: 'L2' },
        { value: '15.7', measurand: 'Current.Import', unit: 'A', phase: 'L3' },
      ],
      { currentA: 16.1 },
    ],
    [
      'should sum per-phase power when no total is sent',
      [
        { value: '2300', measurand: 'Power.Active.Import', phase: 'L1-N', unit: 'W' },
        { value: '2300', measurand: 'Power.Active.Import', phase: 'L2-N', unit: 'W' },
        { value: '2400', measurand: 'Power.Active.Import', phase: 'L3-N', unit: 'W' },
      ],
      { powerW: 7000 },
    ],
    [
      'should prefer the unphased energy register over phased ones',
      [{ value: '100', phase: 'L1' }, { value: '300' }, { value: '100', phase: 'L2' }],
      { energyWh: 300 },
    ],
    [
      'should ignore values measured at the Inlet (grid side), keeping the Outlet',
      [
        { value: '999', location: 'Inlet' },
        { value: '500', location: 'Outlet' },
      ],
      { energyWh: 500 },
    ],
    ['should accept a number where the spec says string (tolerance)', [{ value: 42 }], { energyWh: 42 }],
    [
      'should tolerate spaces around the decimal string',
      [{ value: ' 10.5 ', unit: 'kWh' }],
      { energyWh: 10500 },
    ],
    [
      'should keep measurands it understands beside ones it does not (Voltage)',
      [
        { value: '230', measurand: 'Voltage', unit: 'V' },
        { value: '10', unit: 'kWh' },
      ],
      { energyWh: 10000 },
    ],
  ])('%s', (_name, sampledValue, expected) => {
    const out = normaliseMeterValues16([{ timestamp: TS, sampledValue }]);
    expect(out.samples).toEqual([{ timestamp: ISO, context: 'Sample.Periodic', ...expected }]);
  });

  it.each([
    ['SignedData value (§7.45 format)', [{ value: 'AB12', format: 'SignedData' }], /SignedData/],
    ['a non-numeric value', [{ value: 'n/a' }], /not a number/],
    ['a unit that cannot be converted', [{ value: '1', unit: 'varh' }], /not convertible/],
    ['a negative energy register', [{ value: '-5' }], /negative/],
    ['SoC above 100', [{ value: '140', measurand: 'SoC' }], /out of range/],
  ])('should skip %s with a warning and no sample', (_name, sampledValue, warning) => {
    const out = normaliseMeterValues16([{ timestamp: TS, sampledValue }]);
    expect(out.samples).toEqual([]);
    expect(out.warnings.join('\n')).toMatch(warning);
  });

  it.each([
    ['Transaction.Begin', 'Transaction.Begin'],
    ['Transaction.End', 'Transaction.End'],
    ['Sample.Clock', 'Sample.Clock'],
    ['sample.periodic', 'Sample.Periodic'],
    ['Vendor.Special', 'Other'],
  ])('should read context %s as %s (§7.30 ReadingContext)', (context, expected) => {
    const out = normaliseMeterValues16([{ timestamp: TS, sampledValue: [{ value: '1', context }] }]);
    expect(out.samples[0]?.context).toBe(expected);
  });

  it('should read a timestamp without zone as UTC and say so', () => {
    const out = normaliseMeterValues16([
      { timestamp: '2025-04-25T12:00:00', sampledValue: [{ value: '1' }] },
    ]);
    expect(out.samples[0]?.timestamp).toBe(ISO);
    expect(out.warnings.join()).toMatch(/UTC/);
  });

  it('should skip a meterValue whose timestamp is unreadable but keep the others', () => {
    const out = normaliseMeterValues16([
      { timestamp: 'yesterday', sampledValue: [{ value: '1' }] },
      { timestamp: TS, sampledValue: [{ value: '2' }] },
    ]);
    expect(out.samples.map((s) => s.energyWh)).toEqual([2]);
  });

  it('should return nothing for input that is not an array (never throw)', () => {
    expect(normaliseMeterValues16(null)).toEqual({ samples: [], warnings: [] });
    expect(normaliseMeterValues16({ foo: 1 })).toEqual({ samples: [], warnings: [] });
  });
});

describe('normaliseMeterValues201 (OCPP 2.0.1 Part 2 §2.46 SampledValueType, §2.52 UnitOfMeasureType)', () => {
  it.each([
    ['should default unit to Wh', [{ value: 1500 }], { energyWh: 1500 }],
    [
      'should apply multiplier 3 to a Wh register (kWh in disguise)',
      [{ value: 1.5, unitOfMeasure: { unit: 'Wh', multiplier: 3 } }],
      { energyWh: 1500 },
    ],
    [
      'should combine unit kWh and multiplier -1',
      [{ value: 125, unitOfMeasure: { unit: 'kWh', multiplier: -1 } }],
      { energyWh: 12500 },
    ],
    [
      'should read kW power',
      [{ value: 11, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } }],
      { powerW: 11000 },
    ],
    [
      'should read SoC',
      [{ value: 80, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' } }],
      { socPercent: 80 },
    ],
    [
      'should read all four measurands of one instant into one sample',
      [
        { value: 20.5, unitOfMeasure: { unit: 'kWh' } },
        { value: 22000, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
        { value: 32, measurand: 'Current.Import', phase: 'L1', unitOfMeasure: { unit: 'A' } },
        { value: 33, measurand: 'SoC', location: 'EV' },
      ],
      { energyWh: 20500, powerW: 22000, currentA: 32, socPercent: 33 },
    ],
  ])('%s', (_name, sampledValue, expected) => {
    const out = normaliseMeterValues201([{ timestamp: TS, sampledValue }]);
    expect(out.samples).toEqual([{ timestamp: ISO, context: 'Sample.Periodic', ...expected }]);
  });

  it('should take the context from the energy register when contexts differ', () => {
    const out = normaliseMeterValues201([
      {
        timestamp: TS,
        sampledValue: [
          { value: 10, measurand: 'Power.Active.Import', context: 'Trigger' },
          { value: 5, context: 'Transaction.End' },
        ],
      },
    ]);
    expect(out.samples[0]?.context).toBe('Transaction.End');
  });
});

describe('scaleDecimal', () => {
  it.each([
    ['12.345', 3, 12345],
    ['0.1', 3, 100],
    [1.005, 3, 1005],
    ['1e2', 1, 1000],
    ['-2.5', 0, -2.5],
    ['0x1F', 0, undefined],
    ['', 0, undefined],
  ])('should scale %p by 10^%p to %p', (value, exp, expected) => {
    expect(scaleDecimal(value, exp)).toBe(expected);
  });
});

describe('maxEnergyWh', () => {
  it('should pick the highest register, ignoring samples without energy', () => {
    expect(
      maxEnergyWh([
        { timestamp: ISO, context: 'Sample.Periodic', energyWh: 5 },
        { timestamp: ISO, context: 'Sample.Periodic', powerW: 9 },
        { timestamp: ISO, context: 'Transaction.End', energyWh: 7 },
      ]),
    ).toBe(7);
    expect(maxEnergyWh([])).toBeUndefined();
  });
});
