/** The command registry: one file per command, each exporting `register(program)`. */
import type { Command } from 'commander';
import { register as access } from './access.js';
import { register as authorize } from './authorize.js';
import { register as can } from './can.js';
import { register as diff } from './diff.js';
import { register as resolve } from './resolve.js';
import { register as test } from './test.js';
import { register as exportCommand } from './export.js';
import { register as explore } from './explore.js';
import { register as validate } from './validate.js';
import { register as importCommand } from './import.js';
import { register as init } from './init.js';

export type RegisterCommand = (program: Command) => void;

/** Each command's name, and the function that adds it to the program. */
export const COMMANDS: [name: string, register: RegisterCommand][] = [
  ['resolve', resolve],
  ['access', access],
  ['can', can],
  ['authorize', authorize],
  ['test', test],
  ['diff', diff],
  ['export', exportCommand],
  ['validate', validate],
  ['explore', explore],
  ['import', importCommand],
  ['init', init],
];
