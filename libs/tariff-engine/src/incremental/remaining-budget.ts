import type { SamplesSession } from '../session/session.types';
import type { Tariff } from '../tariff/tariff.model';
import type { PricingOptions } from '../pricing/session-price.types';
import type { Timestamp } from '../session/session.types';
import type { Budget, BudgetOptions } from './budget';
import { createPricer } from './session-pricer';

/**
 * How much more energy (Wh) and time (s) a session can take at `currentPowerW` before its cost
 * incl. VAT exceeds `limitInclVat`. Conservative: the session extended to the budget costs at most
 * the limit; 1 ms more costs more. For a running session prefer `createPricer(...).budget(...)`.
 */
export function remainingBudget(
  tariff: Tariff,
  sessionSoFar: SamplesSession,
  limitInclVat: string | number,
  currentPowerW: number,
  now: Timestamp,
  options: PricingOptions & BudgetOptions = {},
): Budget {
  const pricer = createPricer(tariff, {
    timeZone: sessionSoFar.timeZone,
    options,
    ...(sessionSoFar.reservation ? { reservation: sessionSoFar.reservation } : {}),
  });
  for (const sample of sessionSoFar.meterSamples) pricer.addSample(sample);
  return pricer.budget(limitInclVat, currentPowerW, now, options);
}
