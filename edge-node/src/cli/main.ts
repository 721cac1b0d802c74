#!/usr/bin/env node
/**
 * @module `heng-edge`: the edge node's command line. Each command lives in its own file; this
 * one only registers them.
 */
import { Command } from 'commander';
import { adminCommand } from './admin.ts';
import { readCommand } from './read.ts';
import { readingsCommand } from './readings.ts';
import { simCommand } from './sim.ts';
import { startCommand } from './start.ts';
import { writeCommand } from './write.ts';

const program = new Command('heng-edge')
  .description('Heng edge node: Modbus devices, Node-RED, local store')
  .addCommand(startCommand())
  .addCommand(simCommand())
  .addCommand(readCommand())
  .addCommand(writeCommand())
  .addCommand(readingsCommand())
  .addCommand(adminCommand());

await program.parseAsync(process.argv);
