/** The command registry: one file per command, each exporting `register(program)`. */
import type { Command } from 'commander';
import { register as authorize } from './authorize.js';
import { register as resolve } from './resolve.js';
import { register as test } from './test.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [resolve, authorize, test];
