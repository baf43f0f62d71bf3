import { Writable } from 'node:stream';
import { createLogger, sessionLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it('writes JSON with service, level label and the session context', () => {
    const { lines, stream } = capture();
    const log = sessionLogger(createLogger({ service: 'session-engine', destination: stream }), {
      authorizationReference: 'pp-1',
      correlationId: 'c-1',
    });
    log.info({ kwh: '1.5' }, 'progress');
    expect(lines[0]).toMatchObject({
      service: 'session-engine',
      level: 'info',
      authorization_reference: 'pp-1',
      correlation_id: 'c-1',
      kwh: '1.5',
      msg: 'progress',
    });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('redacts secrets', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'x', destination: stream }).info({ peer: { token: 'abc' } }, 'm');
    expect(lines[0]?.['peer']).toEqual({ token: '[redacted]' });
  });
});
