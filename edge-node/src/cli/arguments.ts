/** @module Parsers of `heng-edge` command-line values, each refusing with what it expected. */
import { InvalidArgumentError } from 'commander';

/** A whole number from `min` to `max`. */
export function integer(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`"${text}" is not a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}
