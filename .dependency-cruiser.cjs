// The layering of src/ (docs/architecture.md): http -> services -> (models, domain, db); models -> (domain, codegen);
// domain -> codegen; db -> domain; codegen -> nothing. server.ts is the composition root and may import anything;
// config.ts, logger.ts and project-root.ts are process-wide helpers. `npm run check:structure`
// (scripts/check-structure.mjs) runs these rules and also proves that every file of src/ was read.
//
// Each wrong edge is reported under exactly one rule: the layer rules leave imports of src/http and src/server.ts
// to the two rules that forbid those outright, and the http layer rule leaves src/db to `http-never-imports-db`.

const HELPERS = '^src/(config|logger|project-root)[.]ts$';
// Caught by their own rules, so left out of every layer rule's `to`.
const CAUGHT_ELSEWHERE = ['^src/http/', '^src/server[.]ts$'];

/** A layer may import these parts of src/ and nothing else of src/ (npm packages and node: builtins are free). */
function layer(name, from, allowed, comment) {
  return {
    name,
    severity: 'error',
    comment,
    from: { path: from },
    to: { path: '^src/', pathNot: [...allowed, ...CAUGHT_ELSEWHERE] },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles, type-only imports included, make load order and layering fragile.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'only-server-imports-http',
      severity: 'error',
      comment: 'The HTTP layer is the top: only the composition root (src/server.ts) mounts it.',
      from: { path: '^src/', pathNot: ['^src/http/', '^src/server[.]ts$'] },
      to: { path: '^src/http/' },
    },
    {
      name: 'nothing-imports-server',
      severity: 'error',
      comment: 'src/server.ts is the composition root; nothing in src/ depends on it.',
      from: { path: '^src/' },
      to: { path: '^src/server[.]ts$' },
    },
    {
      name: 'src-never-imports-tests-or-scripts',
      severity: 'error',
      comment: 'Tests and scripts use src/, never the other way round.',
      from: { path: '^src/' },
      to: { path: '^(tests|scripts)/' },
    },
    {
      name: 'http-never-imports-db',
      severity: 'error',
      comment: 'Routes reach the database only through a service verb.',
      from: { path: '^src/http/' },
      to: { path: '^src/db/' },
    },
    layer(
      'http-layer',
      '^src/http/',
      ['^src/(http|services|domain|db)/', HELPERS],
      'http imports http, services, domain (request/response schemas and types) and the process-wide helpers.',
    ),
    layer(
      'services-layer',
      '^src/services/',
      ['^src/(services|models|domain|db|codegen)/'],
      'services import services, models, domain, db and codegen; configuration and the logger come in through ' +
        'the ServiceContext from server.ts.',
    ),
    layer(
      'models-layer',
      '^src/models/',
      ['^src/(models|domain|codegen)/'],
      'models (loading, validating, compiling, hashing rating models) import models, domain and codegen only.',
    ),
    layer(
      'domain-layer',
      '^src/domain/',
      ['^src/(domain|codegen)/'],
      'domain is pure underwriting logic: it imports domain and codegen only.',
    ),
    layer('codegen-layer', '^src/codegen/', ['^src/codegen/'], 'codegen imports no other part of src/.'),
    layer(
      'db-layer',
      '^src/db/',
      ['^src/(db|domain)/', '^src/project-root[.]ts$'],
      'db imports db and domain (types); project-root only to find the migrations folder.',
    ),
    layer(
      'helpers-layer',
      HELPERS,
      [HELPERS],
      'config, logger and project-root are process-wide leaves: they import each other at most.',
    ),
  ],
  options: {
    // dependency-cruiser 16 supports TypeScript < 6 only, so with TypeScript 7 installed its tsc parser is off and
    // the fallback misses edges (`export type * from`); swc reads every import and export, `import type` included.
    parser: 'swc',
    // `import type` edges count: a type-only cycle or wrong-way type import is still a wrong edge. (swc keeps
    // them anyway; this says so for any other parser.)
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // Bundler-style extensionless imports: resolve './x' to ./x.ts.
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
