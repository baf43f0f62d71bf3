import { DisplayFormatter, secondsBetween } from './format/display.formatter';
import { formatMoney } from './format/money.formatter';
import type { Messages } from './i18n/messages';
import type { SessionFacts } from './receipt';

/** The figures of a running session as the driver reads them; the live page and its SSE updates share them. */
export interface LiveFigures {
  status: string;
  energy: string;
  duration: string;
  cost: string;
  limit: string;
  updated: string;
}

export function liveFigures(s: SessionFacts, fmt: DisplayFormatter, m: Messages): LiveFigures {
  const until = s.endedAt ?? s.lastUpdated;
  return {
    status: m.states[s.state],
    energy: `${fmt.kwhFromWh(s.energyWh)} ${m.kwh}`,
    duration: fmt.duration(secondsBetween(s.startedAt, until), { h: m.hours, min: m.minutes }),
    cost: formatMoney(s.cost.inclVat, s.cost.currency, fmt.locale),
    limit: formatMoney(s.limitInclVat.amount, s.limitInclVat.currency, fmt.locale),
    updated: m.updatedAt(fmt.timeOf(s.lastUpdated)),
  };
}
