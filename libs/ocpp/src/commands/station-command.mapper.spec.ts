import { callFor, outcomeOf, UnmappableCommand, type OutboundCommand } from './station-command.mapper';

const start: OutboundCommand = {
  kind: 'StartTransaction',
  ocppEvseId: 2,
  ocppConnectorId: 1,
  idTag: 'P7Q2',
  remoteStartId: 42,
};

describe('callFor (1.6 §5.11/§5.12/§9.1.17/§5.17; 2.0.1 F01/F03/B05/F06)', () => {
  it.each([
    ['ocpp1.6', start, { action: 'RemoteStartTransaction', payload: { connectorId: 1, idTag: 'P7Q2' } }],
    [
      'ocpp2.0.1',
      start,
      {
        action: 'RequestStartTransaction',
        payload: { idToken: { idToken: 'P7Q2', type: 'Central' }, remoteStartId: 42, evseId: 2 },
      },
    ],
    [
      'ocpp1.6',
      { kind: 'StopTransaction', transactionId: '17' },
      { action: 'RemoteStopTransaction', payload: { transactionId: 17 } },
    ],
    [
      'ocpp2.0.1',
      { kind: 'StopTransaction', transactionId: 'tx-1' },
      { action: 'RequestStopTransaction', payload: { transactionId: 'tx-1' } },
    ],
    [
      'ocpp1.6',
      { kind: 'SetMeterInterval', intervalSeconds: 10 },
      { action: 'ChangeConfiguration', payload: { key: 'MeterValueSampleInterval', value: '10' } },
    ],
    [
      'ocpp2.0.1',
      { kind: 'SetMeterInterval', intervalSeconds: 10 },
      {
        action: 'SetVariables',
        payload: {
          setVariableData: [
            {
              component: { name: 'SampledDataCtrlr' },
              variable: { name: 'TxUpdatedInterval' },
              attributeValue: '10',
            },
          ],
        },
      },
    ],
    [
      'ocpp1.6',
      { kind: 'TriggerMessage', message: 'MeterValues', ocppEvseId: 1 },
      { action: 'TriggerMessage', payload: { requestedMessage: 'MeterValues', connectorId: 1 } },
    ],
    [
      'ocpp2.0.1',
      { kind: 'TriggerMessage', message: 'StatusNotification', ocppEvseId: 1 },
      { action: 'TriggerMessage', payload: { requestedMessage: 'StatusNotification', evse: { id: 1 } } },
    ],
    [
      'ocpp2.0.1',
      { kind: 'TriggerMessage', message: 'Heartbeat' },
      { action: 'TriggerMessage', payload: { requestedMessage: 'Heartbeat' } },
    ],
  ] as const)('should map %s %j', (version, command, expected) => {
    expect(callFor(version, command as OutboundCommand)).toEqual(expected);
  });

  it('should refuse a non-integer 1.6 transactionId', () => {
    expect(() => callFor('ocpp1.6', { kind: 'StopTransaction', transactionId: 'tx-1' })).toThrow(
      UnmappableCommand,
    );
  });
});

describe('outcomeOf', () => {
  const set = callFor('ocpp2.0.1', { kind: 'SetMeterInterval', intervalSeconds: 10 });
  const rs = callFor('ocpp2.0.1', start);
  it.each([
    [rs, { status: 'Accepted' }, { accepted: true, detail: 'Accepted' }],
    [rs, { status: 'Rejected' }, { accepted: false, detail: 'Rejected' }],
    [
      rs,
      { status: 'Accepted', transactionId: 'tx-9' },
      { accepted: true, detail: 'Accepted', transactionId: 'tx-9' },
    ],
    [rs, {}, { accepted: false, detail: 'missing status' }],
    [set, { setVariableResult: [{ attributeStatus: 'Accepted' }] }, { accepted: true, detail: 'Accepted' }],
    [
      set,
      { setVariableResult: [{ attributeStatus: 'UnknownVariable' }] },
      { accepted: false, detail: 'UnknownVariable' },
    ],
    [set, { setVariableResult: [] }, { accepted: false, detail: 'no setVariableResult' }],
    [
      callFor('ocpp1.6', { kind: 'SetMeterInterval', intervalSeconds: 5 }),
      { status: 'RebootRequired' },
      { accepted: true, detail: 'RebootRequired' },
    ],
  ])('should read %j answered %j', (call, response, expected) => {
    expect(outcomeOf(call, response)).toEqual(expected);
  });
});
