import { checkConnectorRef, MAX_CONNECTORS_PER_TARIFF, parseAssignment } from './connector-ref.parser';

describe('connector references (locationId/evseUid/connectorId, OCPI CiString(36) each)', () => {
  it.each([
    ['LOC-001/LOC-001-EVSE-01/1'],
    ['a/b/c'],
    [`${'L'.repeat(36)}/${'E'.repeat(36)}/${'C'.repeat(36)}`],
    ['LOC 1/EVSE 1/1'],
  ])('accepts %s', (ref) => {
    expect(checkConnectorRef(ref)).toBeUndefined();
  });

  it.each([
    [42, /must be a string/],
    ['LOC-001/LOC-001-EVSE-01', /locationId\/evseUid\/connectorId/],
    ['LOC-001/LOC-001-EVSE-01/1/2', /locationId\/evseUid\/connectorId/],
    ['/LOC-001-EVSE-01/1', /locationId ""/],
    ['LOC-001//1', /evseUid ""/],
    [`LOC-001/EVSE/${'C'.repeat(37)}`, /connectorId/],
    [' LOC-001/EVSE/1', /locationId " LOC-001"/],
    ['LOC-001/EVSE /1', /surrounding spaces/],
    ['LOC-001/EVSé/1', /printable ASCII/],
    ['LOC-001/EVSE/\n', /connectorId/],
  ])('refuses %p', (ref, why) => {
    expect(checkConnectorRef(ref)).toMatch(why);
  });
});

describe('parseAssignment (PUT /admin/tariffs/:id/assignments body)', () => {
  it('returns the references in the caller order without duplicates (case-insensitive ids)', () => {
    const r = parseAssignment({ appliesTo: ['L/E2/1', 'L/E1/1', 'l/e2/1', 'L/E1/1'] });
    expect(r).toEqual({ ok: true, value: ['L/E2/1', 'L/E1/1'] });
  });

  it('lists every bad entry with its index', () => {
    const r = parseAssignment({ appliesTo: ['L/E/1', 'nope', 7, 'L/E/1'] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(['appliesTo[1]', 'appliesTo[2]']);
  });

  it.each([
    [null, ''],
    [[], ''],
    ['L/E/1', ''],
    [{}, 'appliesTo'],
    [{ appliesTo: 'L/E/1' }, 'appliesTo'],
    [{ appliesTo: [] }, 'appliesTo'],
  ])('refuses the body %p at path "%s"', (body, path) => {
    const r = parseAssignment(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.path).toBe(path);
  });

  it('refuses an empty list, which the OCPI gateway would read as "no change" (ADR 0005)', () => {
    const r = parseAssignment({ appliesTo: [] });
    expect(!r.ok && r.issues[0]?.message).toMatch(/at least one connector/);
  });

  it('bounds the list size', () => {
    const many = Array.from({ length: MAX_CONNECTORS_PER_TARIFF + 1 }, (_, i) => `L/E${i}/1`);
    expect(parseAssignment({ appliesTo: many }).ok).toBe(false);
    expect(parseAssignment({ appliesTo: many.slice(1) }).ok).toBe(true);
  });
});
