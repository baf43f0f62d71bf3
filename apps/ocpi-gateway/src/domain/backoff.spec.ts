import { backoffMs } from './backoff';

describe('backoff', () => {
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 1, 2000],
    [10, 1, 60_000],
    [10, 0, 30_000],
  ])('attempt %i with random %d -> %i ms', (attempt, r, expected) => {
    expect(backoffMs(attempt, 1000, 60_000, () => r)).toBe(expected);
  });
});
