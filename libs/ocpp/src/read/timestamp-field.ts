import { normaliseTimestamp } from '../time/timestamp';
import { PayloadProblem, type Obj } from './read-result';

/** A required timestamp, tolerant of missing zones and short offsets; unreadable -> FormatViolation. */
export function requiredTimestamp(o: Obj, key: string, warnings: string[]): string {
  const v = o[key];
  if (v === undefined || v === null) {
    throw new PayloadProblem('OccurrenceConstraintViolation', `${key} is required`);
  }
  const ts = normaliseTimestamp(v);
  if (!ts) throw new PayloadProblem('FormatViolation', `${key} is not a date-time`);
  if (ts.assumedUtc) warnings.push(`${key} without zone read as UTC`);
  return ts.iso;
}
