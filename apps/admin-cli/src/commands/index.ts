import type { AnyCommand } from '../cli/command';
import { locationCommands } from './location.commands';
import { ptpCommands } from './ptp.commands';
import { sessionCommands } from './session.commands';
import { stationCommands } from './station.commands';
import { tariffCommands } from './tariff.commands';
import { terminalCommands } from './terminal.commands';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly AnyCommand[] = [
  ...ptpCommands,
  ...stationCommands,
  ...locationCommands,
  ...tariffCommands,
  ...terminalCommands,
  ...sessionCommands,
];
