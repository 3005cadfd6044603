/** Every `aegis` sub-command, in the order `aegis --help` lists them. One import per command file. */
import type { Command } from '../command';
import { serve } from './serve';

export const commands: Command[] = [serve];
