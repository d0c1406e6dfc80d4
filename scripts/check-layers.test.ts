import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers, readTree } from './check-layers';

const tree = (files: Record<string, string>) => new Map(Object.entries(files));

describe('the layer rule', () => {
  it('passes on the real tree', () => {
    expect(checkLayers(readTree(resolve(import.meta.dirname, '../src')))).toEqual([]);
  });

  it('fails on a planted import from a lower folder into a higher one', () => {
    const real = readTree(resolve(import.meta.dirname, '../src'));
    const router = real.get('core/router.ts') as string;
    real.set('core/router.ts', `import { Shell } from '../app/Shell';\n${router}`);
    const violations = checkLayers(real);
    expect(violations).toContainEqual(
      expect.objectContaining({ file: 'core/router.ts', imported: 'app/Shell/index.tsx' }),
    );
  });

  it('fails on an upward dynamic import and an upward type import', () => {
    const violations = checkLayers(
      tree({
        'ui/Field/index.tsx': "const m = () => import('../../journey/store');",
        'sync/api.ts': "import type { Answers } from '../journey/answers';",
        'journey/store.ts': '',
        'journey/answers.ts': '',
      }),
    );
    expect(violations.map((v) => v.file).sort()).toEqual(['sync/api.ts', 'ui/Field/index.tsx']);
  });

  it('allows imports down the layers and within a folder', () => {
    const violations = checkLayers(
      tree({
        'app/Shell/index.tsx': "import { a } from '../../journey/store';\nimport '../routes';",
        'app/routes.ts': "export { b } from '../core/router';",
        'journey/store.ts': "import { c } from '../loan/money';",
        'core/router.ts': '',
        'loan/money.ts': '',
      }),
    );
    expect(violations).toEqual([]);
  });

  it('fails on a module cycle inside one folder', () => {
    const violations = checkLayers(
      tree({
        'journey/a.ts': "import { b } from './b';",
        'journey/b.ts': "import { c } from './c';",
        'journey/c.ts': "import { a } from './a';",
      }),
    );
    expect(violations).toHaveLength(1);
    expect(violations[0]?.reason).toBe(
      'module cycle: journey/a.ts → journey/b.ts → journey/c.ts → journey/a.ts',
    );
  });

  it('keeps the server to the pure money logic and the app away from the server', () => {
    const violations = checkLayers(
      tree({
        'server/api.ts': "import { t } from '../core/i18n';\nimport { m } from '../loan/money';",
        'journey/send.ts': "import { x } from '../server/api';",
        'core/i18n.ts': '',
        'loan/money.ts': '',
      }),
    );
    expect(violations.map((v) => `${v.file} → ${v.imported}`)).toEqual([
      'server/api.ts → core/i18n.ts',
      'journey/send.ts → server/api.ts',
    ]);
  });

  it('lets a test import from above its folder (nothing imports a test)', () => {
    const violations = checkLayers(
      tree({
        'journey/Page/page.test.tsx': "import { Shell } from '../../app/Shell';",
        'app/Shell/index.tsx': '',
      }),
    );
    expect(violations).toEqual([]);
  });
});
