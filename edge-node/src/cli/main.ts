#!/usr/bin/env node
/**
 * @module `heng-edge`: the edge node's command line. Each command lives in its own file; this
 * one only registers them.
 */
import { Command } from 'commander';
import { readCommand } from './read.ts';
import { simCommand } from './sim.ts';
import { startCommand } from './start.ts';
import { writeCommand } from './write.ts';

const program = new Command('heng-edge')
  .description('Heng edge node: Modbus devices, Node-RED, local store')
  .addCommand(startCommand())
  .addCommand(simCommand())
  .addCommand(readCommand())
  .addCommand(writeCommand());

await program.parseAsync(process.argv);
