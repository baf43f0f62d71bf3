import { createEvent, EVENTS, type EventEnvelope } from '@tapcharge/contracts';
import type { BillingRecord, MismatchRecord } from '../domain/billing/billing-record';
import type { BuiltCdr } from '../domain/cdr/cdr-builder';
import type { InvoiceDocument } from '../domain/invoice/invoice.types';
import { PRODUCER } from './billing-settings';

type Cause = Pick<EventEnvelope, 'eventId' | 'correlationId' | 'authorizationReference'>;

/**
 * Outgoing events with deterministic ids: a re-run of a handler, or a re-send of an outbox after a crash,
 * produces the same ids, which consumers drop as duplicates.
 */
export function cdrCreatedEvent(record: BillingRecord, built: BuiltCdr, cause: Cause): EventEnvelope {
  const s = built.summary;
  return createEvent(
    EVENTS.CdrCreated,
    {
      cdrId: s.id,
      sessionId: record.sessionId as string,
      authorizationReference: record.authorizationReference,
      ptp: record.ptp,
      ocpiVersion: s.ocpiVersion,
      cdr: built.cdr,
      total: { exclVat: s.total.exclVat, inclVat: s.total.inclVat, currency: s.currency },
      limitInclVat: { amount: record.authorisedInclVat as string, currency: s.currency },
      createdAt: s.createdAt,
    },
    { producer: PRODUCER, causedBy: cause, idDiscriminator: s.id },
  );
}

export function mismatchEvent(record: BillingRecord, m: MismatchRecord): EventEnvelope {
  return createEvent(
    EVENTS.ReconciliationMismatch,
    {
      authorizationReference: record.authorizationReference,
      kind: m.kind,
      ...(m.authorisedInclVat !== undefined ? { authorisedInclVat: m.authorisedInclVat } : {}),
      ...(m.cdrInclVat !== undefined ? { cdrInclVat: m.cdrInclVat } : {}),
      ...(m.capturedInclVat !== undefined ? { capturedInclVat: m.capturedInclVat } : {}),
      currency: m.currency,
      ...(m.detail !== undefined ? { detail: m.detail.slice(0, 500) } : {}),
      detectedAt: m.detectedAt,
    },
    {
      producer: PRODUCER,
      correlationId: record.correlationId,
      authorizationReference: record.authorizationReference,
      idDiscriminator: `${record.key}:${m.kind}`,
    },
  );
}

export function documentIssuedEvent(record: BillingRecord, doc: InvoiceDocument): EventEnvelope {
  return createEvent(EVENTS.InvoiceIssued, doc, {
    producer: PRODUCER,
    correlationId: record.correlationId,
    authorizationReference: record.authorizationReference,
    idDiscriminator: doc.invoiceNumber,
    occurredAt: doc.issuedAt,
  });
}
