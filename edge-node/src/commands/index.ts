/** @module Commands at the edge: checked, written to the device, their outcome recorded. */
export {
  CommandProcessor,
  type CommandProcessorOptions,
  type PointWriter,
} from './processor.ts';
