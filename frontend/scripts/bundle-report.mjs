// Lists the built files with their raw and gzip sizes, largest first, after `vite build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(m?js|css|html|woff2|json|geojson)$/.test(name)) files.push(path);
  }
})(dist);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(10);
const rows = files.map((path) => {
  const bytes = readFileSync(path);
  return { name: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes).length };
}).sort((a, b) => b.raw - a.raw);
console.log('\nBundle sizes (dist/)\n' + '      raw      gzip  file');
for (const r of rows) console.log(`${kb(r.raw)}${kb(r.gzip)}  ${r.name}`);
const js = rows.filter((r) => r.name.startsWith('assets/') && r.name.endsWith('.js'));
const total = (list, key) => list.reduce((sum, r) => sum + r[key], 0);
console.log(`${kb(total(js, 'raw'))}${kb(total(js, 'gzip'))}  total JavaScript in assets/`);
if (!js.some((r) => /maplibre-[\w-]+\.js$/.test(r.name))) {
  console.error('MapLibre is not in its own chunk (assets/maplibre-*.js)');
  process.exit(1);
}
