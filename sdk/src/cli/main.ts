#!/usr/bin/env node
/** @module The `heng-plugin` executable: runs the CLI on this process's arguments. */
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2));
