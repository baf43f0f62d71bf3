import { KeyedSerializer } from './keyed-serializer';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedSerializer', () => {
  it('runs tasks of one key in call order, even when an earlier one is slower or fails', async () => {
    const s = new KeyedSerializer();
    const log: string[] = [];
    const a = s.run('t1', async () => {
      await tick(30);
      log.push('a');
      throw new Error('a failed');
    });
    const b = s.run('t1', async () => {
      log.push('b');
      return 'b';
    });
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe('b');
    expect(log).toEqual(['a', 'b']);
  });

  it('runs different keys in parallel and forgets idle keys', async () => {
    const s = new KeyedSerializer();
    const log: string[] = [];
    const slow = s.run('t1', async () => {
      await tick(30);
      log.push('slow');
    });
    const fast = s.run('t2', async () => {
      log.push('fast');
    });
    await Promise.all([slow, fast]);
    expect(log).toEqual(['fast', 'slow']);
    await tick(0);
    expect(s.size).toBe(0);
  });
});
