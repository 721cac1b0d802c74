/** @module Heng's contracts: schemas, generated types, validators and the error family. */
export * from './errors.ts';
