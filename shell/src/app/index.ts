/** @module The shell's frame element. */
export { HengApp } from './heng-app.ts';
