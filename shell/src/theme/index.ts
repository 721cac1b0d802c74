/** @module The shell's shared look and the formatting of values for people. */
export { formatAgo, formatTime } from './format.ts';
export { sharedStyles } from './shared.ts';
