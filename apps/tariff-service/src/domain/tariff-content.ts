import { createHash } from 'node:crypto';
import type { OcpiTariff } from '@tapcharge/tariff-engine';

/**
 * A fingerprint of what a tariff means to its consumers: the OCPI object without `last_updated` (we stamp
 * that on every change) and the connectors it applies to, as a set. Equal fingerprints = nothing to publish.
 */
export function contentHash(tariff: OcpiTariff, appliesTo: readonly string[]): string {
  const { last_updated: _ignored, ...meaning } = tariff;
  const connectors = [...new Set(appliesTo.map((a) => a.toUpperCase()))].sort();
  return createHash('sha256')
    .update(canonicalJson({ tariff: meaning, appliesTo: connectors }))
    .digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
