import { isCalendarDate } from '../application/reconciliation/reconciliation-report.use-case';

export const USAGE = `Usage:
  billing reconcile   --date YYYY-MM-DD [--format json|csv] [--url <billing url>] [--token <admin token>]
  billing cdr         --ref <authorization_reference> [--party CC-PID] [--url ...] [--token ...]
  billing invoice     --ref <authorization_reference> [--party CC-PID] [--url ...] [--token ...]
  billing credit-note --invoice <invoice number> --reason <text> [--url ...] [--token ...]

reconcile    authorised vs CDR total vs captured for one day, with every mismatch (JSON or CSV).
cdr/invoice  the CDR / the invoice and credit notes of a payment.
credit-note  corrects an issued invoice with a credit note (its own number).
--url defaults to $BILLING_URL or http://127.0.0.1:8083; --token to $ADMIN_TOKEN.
Exit codes: 0 ok, 2 bad input (message on stderr), 1 the service failed or could not be reached.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliDeps {
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  timeoutMs?: number;
}

class InputError extends Error {}
class ServiceError extends Error {}

type Flags = Map<string, string>;

function parseFlags(args: readonly string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new InputError(`unexpected argument "${arg}"`);
    const name = m[1] as string;
    if (m[2] !== undefined) flags.set(name, m[2]);
    else if (i + 1 < args.length && !(args[i + 1] as string).startsWith('--'))
      flags.set(name, args[++i] as string);
    else throw new InputError(`--${name} needs a value`);
  }
  return flags;
}

function only(flags: Flags, allowed: readonly string[]): void {
  for (const name of flags.keys()) {
    if (!allowed.includes(name)) throw new InputError(`unknown option --${name}`);
  }
}

function required(flags: Flags, name: string): string {
  const v = flags.get(name);
  if (!v) throw new InputError(`--${name} is required`);
  return v;
}

const COMMON = ['url', 'token'];

/** Runs the operator CLI against the billing service's admin API; resolves to the exit code. */
export async function runBillingCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    const flags = parseFlags(rest);
    const request = requestOf(command, flags);
    const base = (flags.get('url') ?? deps.env['BILLING_URL'] ?? 'http://127.0.0.1:8083').replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s]+$/.test(base))
      throw new InputError(`--url must be an http(s) URL, got "${base}"`);
    const token =
      flags.get('token') ??
      deps.env['ADMIN_TOKEN'] ??
      (deps.env['NODE_ENV'] === 'production' ? undefined : 'dev-admin-token-change-me');
    if (!token) throw new InputError('--token or ADMIN_TOKEN is required');
    const text = await call(deps, `${base}${request.path}`, token, request.body);
    io.out(request.raw ? text.replace(/\r?\n$/, '') : JSON.stringify(JSON.parse(text), null, 2));
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      io.err(`billing: ${err.message}\n${USAGE}`);
      return 2;
    }
    io.err(`billing: ${(err as Error).message}`);
    return 1;
  }
}

function requestOf(command: string, flags: Flags): { path: string; body?: unknown; raw?: boolean } {
  const enc = encodeURIComponent;
  switch (command) {
    case 'reconcile': {
      only(flags, [...COMMON, 'date', 'format']);
      const date = required(flags, 'date');
      if (!isCalendarDate(date))
        throw new InputError(`--date must be a calendar date YYYY-MM-DD, got "${date}"`);
      const format = flags.get('format') ?? 'json';
      if (format !== 'json' && format !== 'csv')
        throw new InputError(`--format must be json or csv, got "${format}"`);
      return { path: `/admin/reconciliation?date=${date}&format=${format}`, raw: format === 'csv' };
    }
    case 'cdr':
    case 'invoice': {
      only(flags, [...COMMON, 'ref', 'party']);
      const party = flags.get('party');
      if (party !== undefined && !/^[A-Za-z]{2}-[A-Za-z0-9]{3}$/.test(party))
        throw new InputError(`--party must look like NL-PTP, got "${party}"`);
      return {
        path: `/admin/${command}s/${enc(required(flags, 'ref'))}${party ? `?party=${enc(party)}` : ''}`,
      };
    }
    case 'credit-note': {
      only(flags, [...COMMON, 'invoice', 'reason']);
      return {
        path: `/admin/invoices/${enc(required(flags, 'invoice'))}/credit-note`,
        body: { reason: required(flags, 'reason') },
      };
    }
    default:
      throw new InputError(`unknown command "${command}"`);
  }
}

async function call(deps: CliDeps, url: string, token: string, body: unknown): Promise<string> {
  let res: Response;
  try {
    res = await deps.fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
    });
  } catch (err) {
    throw new ServiceError(`cannot reach ${new URL(url).origin}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (res.ok) return text;
  let message = text;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error) message = `${parsed.error.code ?? 'ERROR'}: ${parsed.error.message ?? ''}`;
  } catch {
    // not JSON: print the body as it came
  }
  if (res.status === 400) throw new InputError(message);
  throw new ServiceError(`HTTP ${res.status} ${message}`);
}
