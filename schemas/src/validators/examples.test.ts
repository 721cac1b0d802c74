import { describe, expect, test } from 'vitest';
import { examples } from '../../examples/index.ts';
import type { Issue } from '../errors.ts';
import { HengError } from '../errors.ts';
import { validateManifest } from '../manifest/run-checks.ts';
import { type DocumentName, issuesFor } from './documents.ts';

// Manifests go through both passes, as `heng-plugin validate` does; the other documents
// have only the schema.
function issuesOf(schema: string, value: unknown): Issue[] {
  if (schema !== 'manifest') return issuesFor(schema as DocumentName, value);
  try {
    validateManifest(value);
    return [];
  } catch (err) {
    if (err instanceof HengError && err.issues) return err.issues;
    throw err;
  }
}

describe('examples', () => {
  test('cover every document schema with valid and invalid examples', () => {
    const names: DocumentName[] = [
      'manifest',
      'permission',
      'telemetry-reading',
      'telemetry-batch',
      'event',
      'command',
      'command-outcome',
      'device-profile',
      'site',
      'app-install',
      'plugin-status',
      'site-status',
      'package',
      'trusted-key',
      'revocation',
    ];
    for (const name of names) {
      expect(Object.keys(examples[name]?.valid ?? {}).length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(examples[name]?.invalid ?? {}).length).toBeGreaterThanOrEqual(3);
    }
  });

  for (const [schema, { valid, invalid }] of Object.entries(examples)) {
    describe(schema, () => {
      for (const [file, value] of Object.entries(valid)) {
        test(`accepts valid/${file}`, () => {
          expect(issuesOf(schema, value)).toEqual([]);
        });
      }
      for (const [file, value] of Object.entries(invalid)) {
        test(`rejects invalid/${file} for exactly one reason`, () => {
          const issues = issuesOf(schema, value);
          expect(issues).toHaveLength(1);
        });
      }
    });
  }
});
