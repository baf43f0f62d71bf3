// Two suites. `unit`: pure, fast, no I/O (`*.spec.ts`). `integration`: real Kafka + FerretDB started by
// tools/infra (`*.int-spec.ts`); they read the endpoints from .local/infra.env via @tapcharge/testing.
const preset = require('./jest.preset.js');

module.exports = {
  // Integration waits have their own deadlines; this is only the outer bound per test.
  testTimeout: 60_000,
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      slowTestThreshold: 30,
    },
  ],
};
