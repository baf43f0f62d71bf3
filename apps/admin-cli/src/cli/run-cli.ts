import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AnyCommand, CliIo, CommandResult, OptionSpec, ParsedArgs } from './command';
import { DEV_ADMIN_TOKEN, ENDPOINTS, resolveEndpoints } from './endpoints';
import { EXIT, RefusedError, UsageError } from './errors';
import { AdminHttp, type FetchLike } from './http';

export interface CliDeps {
  commands: readonly AnyCommand[];
  env: Record<string, string | undefined>;
  io: CliIo;
  out: (text: string) => void;
  err: (text: string) => void;
  fetch?: FetchLike;
}

const PROGRAM = 'npm run -s admin --';

const COMMON: Record<string, OptionSpec> = {
  json: { type: 'boolean', help: 'print the result as JSON (errors too, on stderr)' },
  help: { type: 'boolean', help: 'show this help' },
  ...Object.fromEntries(
    ENDPOINTS.map((e) => [
      e.flag,
      {
        type: 'string',
        value: '<url>',
        help: `${e.label} (${e.env}; default ${e.fallback})`,
      } satisfies OptionSpec,
    ]),
  ),
};

/** Runs one command line; resolves to the process exit code (0 ok, 1 refused/unreachable, 2 usage). */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const json = argv.includes('--json');
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const [groupName, commandName, ...rest] = argv;
  const groups = [...new Set(deps.commands.map((c) => c.group))];
  try {
    if (groupName === undefined || (groupName.startsWith('-') && wantsHelp) || groupName === 'help') {
      if (wantsHelp || groupName === 'help') return (deps.out(overview(deps.commands)), EXIT.OK);
      throw new UsageError('which command?', overview(deps.commands));
    }
    if (!groups.includes(groupName)) {
      throw new UsageError(
        `unknown command "${groupName}" (commands: ${groups.join(', ')})`,
        overview(deps.commands),
      );
    }
    const inGroup = deps.commands.filter((c) => c.group === groupName);
    if (commandName === undefined || commandName.startsWith('-')) {
      if (wantsHelp) return (deps.out(overview(inGroup)), EXIT.OK);
      throw new UsageError(`which one? (${inGroup.map((c) => c.name).join(', ')})`, overview(inGroup));
    }
    const command = inGroup.find((c) => c.name === commandName);
    if (!command) {
      throw new UsageError(
        `unknown command "${groupName} ${commandName}" (${groupName} commands: ${inGroup.map((c) => c.name).join(', ')})`,
        overview(inGroup),
      );
    }
    if (wantsHelp) return (deps.out(help(command)), EXIT.OK);
    try {
      return await execute(command, rest, deps, json);
    } catch (err) {
      if (err instanceof UsageError && !err.usage) throw new UsageError(err.message, usageLine(command));
      throw err;
    }
  } catch (err) {
    return report(err, deps, json, [groupName, commandName].filter(Boolean).join(' '));
  }
}

async function execute(command: AnyCommand, argv: string[], deps: CliDeps, json: boolean): Promise<number> {
  const args = parse(command, argv);
  const endpoints = resolveEndpoints(args.values, deps.env);
  const token = deps.env['ADMIN_TOKEN'] || DEV_ADMIN_TOKEN;
  const run = command.prepare(args, deps.io);
  const result: CommandResult = await run({ http: new AdminHttp(endpoints, token, deps.fetch), endpoints });
  deps.out(json ? JSON.stringify(result.data, null, 2) : result.text);
  return EXIT.OK;
}

function parse(command: AnyCommand, argv: string[]): ParsedArgs {
  const specs = { ...COMMON, ...command.options };
  const options: ParseArgsConfig['options'] = {};
  // Every string option is collected as a list, so a repeated single-value option is refused instead of
  // parseArgs silently keeping the last one (`--id A --id B` would register B).
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.type === 'string' ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util's messages name the option ("Unknown option '--nmae'"); drop its advice about `--`.
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const expected = command.positionals;
  if (parsed.positionals.length !== expected.length) {
    throw new UsageError(
      parsed.positionals.length < expected.length
        ? `missing ${expected
            .slice(parsed.positionals.length)
            .map((p) => `<${p}>`)
            .join(' ')}`
        : `unexpected argument "${parsed.positionals[expected.length]}"`,
    );
  }
  const values: ParsedArgs['values'] = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (!Array.isArray(value) || specs[name]?.multiple) {
      values[name] = value as string | boolean | string[] | undefined;
      continue;
    }
    if (value.length > 1) throw new UsageError(`--${name} given ${value.length} times; give it once`);
    values[name] = value[0];
  }
  return { values, positionals: parsed.positionals };
}

function report(err: unknown, deps: CliDeps, json: boolean, commandWords: string): number {
  const prefix = `admin${commandWords ? ` ${commandWords}` : ''}`;
  if (err instanceof UsageError) {
    if (json) deps.err(JSON.stringify({ error: { kind: 'usage', message: err.message } }));
    else
      deps.err(`${prefix}: ${err.message}${err.usage ? `\n\n${err.usage}` : ''}\n(add --help for details)`);
    return EXIT.USAGE;
  }
  if (err instanceof RefusedError) {
    if (json) deps.err(JSON.stringify({ error: { kind: 'refused', message: err.message, ...err.detail } }));
    else deps.err(`${prefix}: ${err.message}`);
    return EXIT.REFUSED;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (json) deps.err(JSON.stringify({ error: { kind: 'unexpected', message } }));
  else deps.err(`${prefix}: unexpected error: ${message}`);
  return EXIT.REFUSED;
}

function usageLine(c: AnyCommand): string {
  return `usage: ${PROGRAM} ${c.group} ${c.name}${c.usage ? ` ${c.usage}` : ''}`;
}

export function overview(commands: readonly AnyCommand[]): string {
  const width = Math.max(...commands.map((c) => `${c.group} ${c.name}`.length));
  return [
    `usage: ${PROGRAM} <command> [options]   (--help after any command for its options)`,
    '',
    ...commands.map((c) => `  ${`${c.group} ${c.name}`.padEnd(width)}  ${c.summary}`),
    '',
    'Admin token: ADMIN_TOKEN (default: the development token of `npm run up`).',
  ].join('\n');
}

export function help(c: AnyCommand): string {
  const optionLines = (opts: Record<string, OptionSpec>) => {
    const rows = Object.entries(opts).map(([name, o]) => [
      `--${name}${o.value ? ` ${o.value}` : ''}${o.multiple ? ' (repeatable)' : ''}`,
      o.help,
    ]);
    const width = Math.max(0, ...rows.map(([l]) => (l as string).length));
    return rows.map(([l, h]) => `  ${(l as string).padEnd(width)}  ${h}`);
  };
  return [
    usageLine(c),
    '',
    c.summary,
    ...(c.description?.length ? ['', ...c.description] : []),
    ...(Object.keys(c.options).length ? ['', 'Options:', ...optionLines(c.options)] : []),
    '',
    'Common options:',
    ...optionLines(COMMON),
    '',
    'Admin token: ADMIN_TOKEN (default: the development token of `npm run up`).',
    'Exit status: 0 done, 1 a service refused or was unreachable (its message is shown), 2 bad command line.',
  ].join('\n');
}
