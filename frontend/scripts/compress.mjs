// Writes a .br and a .gz beside every compressible file of dist/ after `vite build`, so that the API
// (and the reverse proxy) send them as they are, by Accept-Encoding, without compressing per request.
// Node's own zlib: maximum quality costs seconds once here instead of CPU on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const COMPRESSIBLE = /\.(m?js|css|html|json|geojson|svg|txt|map)$/;
const MIN_BYTES = 1024; // below one packet compression gains nothing

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let written = 0;
for (const path of walk(dist)) {
  if (!COMPRESSIBLE.test(path) || path.endsWith('index.html')) continue; // index.html is rewritten per request
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  const variants = {
    '.br': brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }),
    '.gz': gzipSync(raw, { level: 9 }),
  };
  for (const [suffix, bytes] of Object.entries(variants)) {
    if (bytes.length < raw.length) {
      writeFileSync(path + suffix, bytes);
      written++;
    }
  }
}
console.log(`[compress] ${written} precompressed files (.br, .gz) in dist/`);
