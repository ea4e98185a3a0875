import { describe, expect, it } from 'vitest';
import { deriveFeaturePath } from '../../main/scopes/feature-path.js';
import { parseFeaturesText } from '../../main/scopes/features-file.js';

describe('a feature scope path (docs/COMPATIBILITY.md derivation)', () => {
  const cases: [string, string[], string | null][] = [
    ['takes the first dir/** entry without the /**', ['src/api/**'], 'src/api'],
    ['prefers a dir/** entry over an earlier plain file', ['src/api/index.ts', 'src/api/**'], 'src/api'],
    ['takes the first of several dir/** entries', ['src/ui/**', 'src/api/**'], 'src/ui'],
    ['ignores a dir/** entry whose folder part is a glob', ['src/*/handlers/**', 'src/core'], 'src/core'],
    ['does not treat dir/**/*.ts as a dir/** entry', ['src/api/**/*.ts', 'docs/api.md'], 'docs/api.md'],
    [
      'falls back to the first entry without * ? or [',
      ['src/**/*.ts', 'lib/util?.js', 'lib/[ab].js', 'lib/main.js'],
      'lib/main.js',
    ],
    ['normalises ./ prefixes, backslashes and a trailing slash', ['.\\scripts\\**', './docs/'], 'scripts'],
    ['keeps a plain folder entry given with a trailing slash', ['src/**/*.css', 'styles/'], 'styles'],
    ['has none when every entry is a glob', ['**/*.test.ts', 'src/*.ts'], null],
    ['has none without entries', [], null],
  ];
  for (const [name, files, expected] of cases) {
    it(name, () => {
      const derived = deriveFeaturePath(files);
      expect(derived.kind === 'path' ? derived.path : null).toBe(expected);
      if (derived.kind === 'none') expect(derived.reason).toMatch(/src\/api\/\*\*/);
    });
  }
});

describe('the features file', () => {
  it('lists features sorted by name with description, path and tags', async () => {
    const read = await parseFeaturesText(
      'version: 1\nfeatures:\n  zeta:\n    description: Z\n    files: [z/**]\n  alpha:\n    files: ["**/*.md"]\n    tags: [docs]\n',
      'f.yaml',
    );
    expect(read).toEqual({
      kind: 'ok',
      skipped: [],
      problems: [],
      features: [
        { name: 'alpha', description: '', path: null, tags: ['docs'], pathReason: expect.stringMatching(/glob/) },
        { name: 'zeta', description: 'Z', path: 'z', tags: [] },
      ],
    });
  });

  it('reports a YAML error with its line', async () => {
    const read = await parseFeaturesText(
      'version: 1\nfeatures:\n  api:\n    files: [src/api/**\n',
      '/p/.help/features.yaml',
    );
    expect(read.kind).toBe('invalid');
    expect(read.kind === 'invalid' && read.warning).toMatch(
      /^\/p\/\.help\/features\.yaml is not valid YAML at line \d+, column \d+: .*\.$/,
    );
  });

  it('refuses another version and a features list that is not a mapping', async () => {
    expect(await parseFeaturesText('version: 2\nfeatures: {}\n', 'f.yaml')).toMatchObject({
      kind: 'invalid',
      warning: expect.stringMatching(/version 2/),
    });
    expect(await parseFeaturesText('features: [a, b]\n', 'f.yaml')).toMatchObject({
      kind: 'invalid',
      warning: expect.stringMatching(/must be a mapping/),
    });
  });

  it('skips an entry that is not a mapping and names it', async () => {
    const read = await parseFeaturesText('features:\n  good: {files: [a/**]}\n  bad: just-a-string\n', 'f.yaml');
    expect(read).toMatchObject({ kind: 'ok', skipped: ['bad'], features: [{ name: 'good', path: 'a' }] });
  });
});
