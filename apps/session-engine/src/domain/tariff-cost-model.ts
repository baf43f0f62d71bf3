import type { MeterSample } from '@tapcharge/contracts';
import { createPricer, parseTariff } from '@tapcharge/tariff-engine';
import type { CostModel, CostModelFactory } from './cost-model';

/** The session's cost model on libs/tariff-engine's incremental pricer (exact, all dimensions). */
export const tariffCostModel: CostModelFactory = (tariffJson, timeZone) => {
  const pricer = createPricer(parseTariff(tariffJson), { timeZone });
  let samples = 0;
  const model: CostModel = {
    add(list: readonly MeterSample[]) {
      for (const s of list) {
        if (s.energyWh === undefined) continue;
        pricer.addSample({
          timestamp: s.timestamp,
          energyWh: s.energyWh,
          ...(s.powerW !== undefined ? { powerW: s.powerW } : {}),
          ...(s.currentA !== undefined ? { currentA: s.currentA } : {}),
        });
        samples += 1;
      }
    },
    cost() {
      if (samples === 0) return { exclVat: '0.0000', inclVat: '0.0000' };
      const total = pricer.cost().total;
      return { exclVat: total.exclVat, inclVat: total.inclVat };
    },
    budget(limitInclVat, powerW, now) {
      if (samples === 0) return { energyWh: Infinity, seconds: Infinity };
      const b = pricer.budget(limitInclVat, Math.max(0, powerW), now);
      if (b.limitReached) return { energyWh: 0, seconds: 0 };
      if (!b.bounded) return { energyWh: Infinity, seconds: Infinity };
      return { energyWh: b.energyWh, seconds: b.seconds };
    },
  };
  return model;
};
