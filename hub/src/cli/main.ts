#!/usr/bin/env node
/**
 * @module `heng-hub`: the hub's command line. Each command lives in its own file; this one only
 * registers them.
 */
import { Command } from 'commander';
import { startCommand } from './start.ts';

const program = new Command('heng-hub')
  .description('Heng hub: sites, sync gateway, app catalog and installs, the API and the shell')
  .addCommand(startCommand());

await program.parseAsync(process.argv);
