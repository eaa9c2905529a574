// Copies the declarations reachable from the package's entry points into <dist>/cjs-types, beside a
// package.json saying "commonjs". Why: the package is one ES module build, which Node >= 20.19 also loads
// with require(); TypeScript, though, refuses ESM-format declarations to a CommonJS file under
// `module: node16` (TS1479), so package.json's `require` condition points at this CommonJS-format copy of
// the very same declarations. No JavaScript is copied: require() and import load the same files.
//
// Usage: node scripts/build-cjs-types.mjs [distDir]   (default: dist)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const out = join(dist, 'cjs-types');
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// The ESM declarations of every exports entry: the `import` condition's types.
const entries = Object.values(pkg.exports).map((entry) => {
  const types = entry.import?.types;
  if (typeof types !== 'string') throw new Error('every exports entry needs import.types');
  return join(dist, types.replace(/^\.\/dist\//, ''));
});

// Relative specifiers in declarations: `from './x.js'` and `import('./x.js')`.
const SPECIFIER = /(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

const seen = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  for (const match of text.matchAll(SPECIFIER)) {
    queue.push(resolve(dirname(file), match[1].replace(/\.js$/, '.d.ts')));
  }
}

await rm(out, { recursive: true, force: true });
for (const file of seen) {
  const target = join(out, relative(dist, file));
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, await readFile(file));
}
await writeFile(join(out, 'package.json'), '{ "type": "commonjs" }\n');
console.log(`cjs-types: ${seen.size} declaration files copied to ${relative(process.cwd(), out) || out}`);
