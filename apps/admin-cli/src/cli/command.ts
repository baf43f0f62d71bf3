import type { Endpoints } from './endpoints';
import type { AdminHttp } from './http';

/** What a command may use besides the HTTP APIs: injected so tests control the files. */
export interface CliIo {
  readFile(path: string): string;
}

export interface RunContext {
  http: AdminHttp;
  endpoints: Endpoints;
}

/** What a command prints: `data` for `--json`, `text` for people. */
export interface CommandResult {
  data: unknown;
  text: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given several times (values collected in order). */
  multiple?: boolean;
  /** The value's placeholder in --help, e.g. `<name>` (string options). */
  value?: string;
  help: string;
}

/** The values parseArgs found, keyed by option name, plus the positionals after the command words. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * One command: `parse` turns the command line into validated input and throws UsageError (before any
 * request, so nothing is half-created); `run` talks to the services.
 */
export interface Command<I> {
  group: string;
  name: string;
  summary: string;
  /** After `admin <group> <name>`, e.g. `--name <name> [--country NL] [--party PTP]`. */
  usage: string;
  /** Extra lines for `--help`. */
  description?: string[];
  options: Record<string, OptionSpec>;
  /** How many positionals, and their names for messages. */
  positionals: string[];
  parse(args: ParsedArgs, io: CliIo): I;
  run(input: I, ctx: RunContext): Promise<CommandResult>;
}

/** A command with its input type hidden, so groups of different commands fit one list. */
export interface AnyCommand extends Omit<Command<unknown>, 'parse' | 'run'> {
  prepare(args: ParsedArgs, io: CliIo): (ctx: RunContext) => Promise<CommandResult>;
}

export function defineCommand<I>(c: Command<I>): AnyCommand {
  const { parse, run, ...meta } = c;
  return {
    ...meta,
    prepare: (args, io) => {
      const input = parse(args, io);
      return (ctx) => run(input, ctx);
    },
  };
}
