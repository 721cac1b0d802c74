/**
 * @module The `@example`s `check.ts` leaves out, each with its reason. An entry names the file and
 * how the example's first line starts, so it outlives edits elsewhere in the file; an entry that
 * matches no example fails the check (the example was fixed or removed: take the entry out).
 *
 * Leave one out only when it truly cannot be made to type-check (fix it otherwise), and say why.
 */
export interface NotChecked {
  /** The file, from the repository's root. */
  file: string;
  /** How the example's first line starts (trimmed). */
  startsWith: string;
  reason: string;
}

/** None at the moment: every @example of the product code type-checks. */
export const NOT_CHECKED: NotChecked[] = [];
