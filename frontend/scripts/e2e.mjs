// End-to-end run, self-contained: a fresh database with the demo data, the SPA built, the real API
// serving it on a free port, the Playwright specs in Debian's Chromium, and the server stopped.
//   SEMAP_E2E_DB    database name (default semap_e2e); it is dropped and re-created each run
//   SEMAP_E2E_KEEP_DB=1   reuse it as it is (faster when iterating on the specs)
//   SEMAP_E2E_SKIP_BUILD=1 use the dist/ already built
// Extra arguments go to `playwright test` (e.g. a spec file or --grep).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(frontend, '..');
const semap = join(repo, '.venv', 'bin', 'semap');
const dbName = process.env.SEMAP_E2E_DB ?? 'semap_e2e';
// The open-data files of this run, beside its other results (git-ignored).
const downloadsDir = join(repo, 'frontend', 'test-results', 'downloads');
const log = (message) => console.error(`[e2e] ${message}`);

function run(command, args, env = {}) {
  execFileSync(command, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function ensureDatabase() {
  return execFileSync('bash', [join(repo, 'scripts', 'ensure-db.sh'), dbName], {
    cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** The database from scratch: migrations change while issues land, and a test must not depend on leftovers. */
function freshDatabase() {
  let url = ensureDatabase();
  if (process.env.SEMAP_E2E_KEEP_DB !== '1') {
    const libpq = new URL(url.replace(/^postgresql\+asyncpg:/, 'postgresql:'));
    libpq.pathname = '/postgres';
    log(`dropping ${dbName}`);
    run('psql', [libpq.toString(), '-v', 'ON_ERROR_STOP=1', '-qc', `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`]);
    url = ensureDatabase();
  }
  log('migrating and loading the demo data');
  run(semap, ['migrate'], { DATABASE_URL: url });
  run(semap, ['seed', 'demo'], { DATABASE_URL: url });
  log('building the open-data downloads');
  run(semap, ['downloads', 'build', '--force'], { DATABASE_URL: url, DOWNLOADS_DIR: downloadsDir });
  return url;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(base, server, seconds = 90) {
  for (let i = 0; i < seconds * 4; i++) {
    if (server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode}; see test-results/api.log`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not answer ${base}/readyz within ${seconds}s`);
}

function stop(server) {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

async function main() {
  const databaseUrl = freshDatabase();
  if (process.env.SEMAP_E2E_SKIP_BUILD !== '1') {
    log('building the SPA');
    execFileSync('npm', ['run', 'build'], { cwd: frontend, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  mkdirSync(join(frontend, 'test-results'), { recursive: true });
  const output = openSync(join(frontend, 'test-results', 'api.log'), 'w');
  log(`starting the API on ${base}`);
  const server = spawn(semap, ['serve', '--host', '127.0.0.1', '--port', String(port), '--workers', '1'], {
    cwd: repo, stdio: ['ignore', output, output],
    // Every browser is one client (127.0.0.1) and the specs run in parallel: the public submission limit
    // (10 an hour per client) would refuse the later specs' proposals. The 429 itself is tested in pytest.
    env: { ...process.env, DATABASE_URL: databaseUrl, FRONTEND_DIST: join(frontend, 'dist'), LOG_LEVEL: 'warning',
      DOWNLOADS_DIR: downloadsDir, RATE_LIMIT_SUBMISSIONS_PER_HOUR: '1000' },
  });
  let code = 1;
  try {
    await waitUntilReady(base, server);
    const playwright = spawn('npx', ['playwright', 'test', ...process.argv.slice(2)], {
      // The specs read the outbox (one-time links are only in e-mails) through psql with this URL.
      cwd: frontend, stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: base, E2E_DATABASE_URL: databaseUrl.replace(/^postgresql\+asyncpg:/, 'postgresql:') },
    });
    code = await new Promise((resolve) => playwright.once('exit', (c) => resolve(c ?? 1)));
  } finally {
    await stop(server);
  }
  process.exit(code);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
