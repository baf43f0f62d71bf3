'use strict';
// Docker HEALTHCHECK of every tapcharge image: GET /health on the app's own health port (the same env
// variable the app reads, with the same default). Exit 0 = healthy. Plain CommonJS, no dependencies.
const PORTS = {
  'ocpi-gateway': ['OCPI_PORT', 8080],
  'ocpp-gateway': ['HTTP_PORT', 9001],
  'session-engine': ['HEALTH_PORT', 9101],
  'tariff-service': ['TARIFF_PORT', 8082],
  'billing-cdr-service': ['BILLING_PORT', 8083],
  'receipt-service': ['RECEIPT_PORT', 8090],
};
const entry = PORTS[process.env.APP || ''];
if (!entry) {
  console.error(`healthcheck: unknown APP "${process.env.APP}"`);
  process.exit(1);
}
const port = process.env[entry[0]] || entry[1];
fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) })
  .then((res) => process.exit(res.ok ? 0 : 1))
  .catch(() => process.exit(1));
