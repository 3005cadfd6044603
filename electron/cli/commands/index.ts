/** Every `aegis` sub-command, in the order `aegis --help` lists them. One import per command file. */
import type { Command } from '../command';
import { serve } from './serve';
import { metrics } from './metrics';
import { predict } from './predict';
import { info } from './info';
import { grad } from './grad';
import { attack } from './attack';
import { pixels } from './pixels';
import { saliency } from './saliency';
import { detect } from './detect';
import { detectEval } from './detect-eval';
import { evaluate } from './evaluate';
import { demo } from './demo';
import { phantoms } from './phantoms';

export const commands: Command[] = [serve, metrics, predict, info, grad, attack, pixels, saliency, detect, detectEval, evaluate, demo, phantoms];
