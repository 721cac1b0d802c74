/**
 * @module The error a device profile raises when it breaks the schema or one of the meaning checks.
 */
import { type Issue, ValidationError } from '@heng/schemas';

/**
 * A device profile is malformed or means something impossible (overlapping registers, limits
 * on a read-only point…). `issues` holds every problem at its JSON path (`/points/3/address`);
 * `where` names the file or document the profile came from.
 */
export class ProfileError extends ValidationError {
  readonly where: string;

  constructor(where: string, issues: Issue[]) {
    super(`device profile in ${where}`, issues, 'invalid_input');
    this.where = where;
  }
}
