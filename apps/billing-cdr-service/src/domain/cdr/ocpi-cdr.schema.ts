import { z } from 'zod';

// The CDR we emit, checked against the OCPI 2.2.1 / 2.3.0 field limits before it leaves the service
// (producers parse strictly, STYLE.md §3). Written from the spec's facts (protocols digest §4.2, §4.3).
const ci = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e]*$/, 'only printable ASCII allowed');
const text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters allowed');
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'OCPI DateTime');
const num = z.number().refine(Number.isFinite, 'finite number');

const price221 = z.object({ excl_vat: num, incl_vat: num.optional() });
const price230 = z.object({
  before_taxes: num,
  taxes: z.array(z.object({ name: text(255).min(1), percentage: num.optional(), amount: num })).optional(),
});

export function ocpiCdrSchema(version: '2.2.1' | '2.3.0') {
  const price = version === '2.2.1' ? price221 : price230;
  return z.object({
    country_code: z.string().regex(/^[A-Z]{2}$/),
    party_id: z.string().regex(/^[A-Z0-9]{3}$/),
    id: ci(39),
    start_date_time: dateTime,
    end_date_time: dateTime,
    session_id: ci(36).optional(),
    cdr_token: z.object({
      country_code: z.string().length(2),
      party_id: ci(3),
      uid: ci(36),
      type: ci(32),
      contract_id: ci(36),
    }),
    auth_method: z.enum(['AUTH_REQUEST', 'COMMAND', 'WHITELIST']),
    authorization_reference: ci(36).optional(),
    cdr_location: z.object({
      id: ci(36),
      name: text(255).optional(),
      address: text(45),
      city: text(45),
      postal_code: text(10).optional(),
      state: text(20).optional(),
      country: text(3),
      coordinates: z.object({ latitude: z.string().max(10), longitude: z.string().max(11) }),
      evse_uid: ci(36),
      evse_id: ci(48),
      connector_id: ci(36),
      connector_standard: ci(64),
      connector_format: ci(16),
      connector_power_type: ci(16),
    }),
    currency: z.string().regex(/^[A-Z]{3}$/),
    tariffs: z.array(z.record(z.string(), z.unknown())).optional(),
    charging_periods: z
      .array(
        z.object({
          start_date_time: dateTime,
          dimensions: z.array(z.object({ type: ci(32), volume: num })).min(1),
          tariff_id: ci(36).optional(),
        }),
      )
      .min(1),
    total_cost: price,
    total_fixed_cost: price.optional(),
    total_energy: num,
    total_energy_cost: price.optional(),
    total_time: num,
    total_time_cost: price.optional(),
    total_parking_time: num.optional(),
    total_parking_cost: price.optional(),
    total_reservation_cost: price.optional(),
    remark: text(255).optional(),
    invoice_reference_id: ci(39).optional(),
    credit: z.boolean().optional(),
    credit_reference_id: ci(39).optional(),
    last_updated: dateTime,
  });
}
