import { OcppJSocket, SimulatedStation, UpgradeRefused } from '@tapcharge/station-simulator';
import { PASSWORD, startHarness, type Harness } from './gateway-harness';
import { selfSignedCertificate, type TestCertificate } from './self-signed-cert';

const outcome = (promise: Promise<OcppJSocket>) =>
  promise.then(
    (socket) => {
      socket.close();
      return 'accepted';
    },
    (err: Error) => (err instanceof UpgradeRefused ? err.status : 'failed'),
  );

describe('security profile 2: TLS with Basic Auth (OCPP 1.6 security whitepaper, 2.0.1 Part 2 A00)', () => {
  let cert: TestCertificate;
  let h: Harness;

  beforeAll(async () => {
    cert = await selfSignedCertificate();
    h = await startHarness({ OCPP_TLS_CERT_FILE: cert.certFile, OCPP_TLS_KEY_FILE: cert.keyFile });
    await h.register('TLS-16', 'ocpp1.6');
    await h.register('TLS-201', 'ocpp2.0.1');
  });

  afterAll(() => h?.stop());

  it.each([
    ['ocpp1.6', 'TLS-16'],
    ['ocpp2.0.1', 'TLS-201'],
  ] as const)(
    'should accept a %s station over wss:// that trusts the certificate (BootNotification Accepted)',
    async (protocol, id) => {
      expect(h.url).toMatch(/^wss:\/\//);
      const station = new SimulatedStation({
        id,
        protocol,
        url: h.url,
        password: PASSWORD,
        ca: cert.certPem,
        autoReconnect: false,
      });
      try {
        const booted = station.next('booted');
        await station.start();
        expect((await booted).status).toBe('Accepted');
        await h.recorder.waitFor(
          (e) => e.type === 'StationBooted' && (e.payload as { stationId: string }).stationId === id,
        );
      } finally {
        await station.shutdown();
      }
    },
  );

  it('should still check Basic Auth at the upgrade: a wrong password gets HTTP 401', async () => {
    const attempt = OcppJSocket.connect(
      {
        url: h.url,
        identity: 'TLS-16',
        protocol: 'ocpp1.6',
        password: 'wrong-password-0123456',
        ca: cert.certPem,
      },
      async () => ({}),
    );
    expect(await outcome(attempt)).toBe(401);
  });

  it('should not speak plain ws:// on the TLS port', async () => {
    const attempt = OcppJSocket.connect(
      {
        url: h.url.replace(/^wss:/, 'ws:'),
        identity: 'TLS-16',
        protocol: 'ocpp1.6',
        password: PASSWORD,
        timeoutMs: 5_000,
      },
      async () => ({}),
    );
    expect(await outcome(attempt)).toBe('failed');
  });

  it('should fail the TLS handshake for a station that does not trust the certificate', async () => {
    const attempt = OcppJSocket.connect(
      { url: h.url, identity: 'TLS-16', protocol: 'ocpp1.6', password: PASSWORD },
      async () => ({}),
    );
    await expect(attempt).rejects.toThrow(/self[- ]signed certificate/);
  });
});
