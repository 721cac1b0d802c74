import { describe, expect, test } from 'vitest';
import { FAULTS } from './faults.ts';
import { GOOD, manifestOf } from './plugins.ts';
import { HOSTILE, hostileSuite } from './suite.ts';
import { START } from './world.ts';

const suite = hostileSuite();
const hostile: typeof suite.hostile = (bundle, more) => suite.hostile(bundle, more);
const reply: typeof suite.reply = (query) => suite.reply(query);

describe('a plugin that must be stopped', () => {
  test.each(FAULTS)(
    '$code: $name',
    async ({ when, bundle, limits, permissions, code, orCode, message, without }) => {
      const codes = orCode ? [code, orCode] : [code];
      const spec = hostile(bundle, { limits, permissions });
      const activated = await suite.world.start(spec);
      if (when === 'request') {
        expect(activated.state).toBe('active');
        const result = await reply();
        expect(codes).toContain('error' in result && result.error.code);
      }
      const status = await suite.world.reach(HOSTILE, 'quarantined');
      expect(status.faults).toBe(1);
      expect(status.restartAt).toBe(START + 1000);
      expect(codes).toContain(status.lastError?.code);
      if (message) expect(status.lastError?.message).toMatch(message);
      if (without) expect(status.lastError?.message).not.toContain(without);
      expect(suite.world.host.running(HOSTILE)).toBeUndefined();
    },
  );
});

describe('a bundle that must not install', () => {
  test.each([
    ['does not parse', 'export default {', /does not parse: SyntaxError/],
    [
      "imports the QuickJS 'std' module",
      "import * as std from 'std';\nexport default {};",
      /could not load module 'std'/,
    ],
    [
      "imports the QuickJS 'os' module",
      "import { exec } from 'os';\nexport default {};",
      /could not load module 'os'/,
    ],
  ])('%s: bundle_invalid and nothing installed', async (_name, bundle, message) => {
    const install = suite.world.host.install({
      manifest: manifestOf({ id: HOSTILE, bundle: '' }),
      bundle,
    });
    await expect(install).rejects.toMatchObject({
      code: 'bundle_invalid',
      message: expect.stringMatching(message),
    });
    expect(suite.world.host.list().map((s) => s.id)).toEqual([GOOD.id]);
  });

  test('runs none of its top level while installing', async () => {
    const bundle = "heng.log.info('top level ran');\nexport default {};";
    expect(
      await suite.world.host.install({ manifest: manifestOf({ id: HOSTILE, bundle: '' }), bundle }),
    ).toMatchObject({
      state: 'installed',
    });
    expect(suite.world.logs).toEqual([]);
    expect(await suite.world.host.activate(HOSTILE)).toMatchObject({ state: 'active' });
    expect(suite.world.logs).toMatchObject([{ level: 'info', msg: 'top level ran' }]);
  });
});
