// Builds each widget as one IIFE bundle (Vite library mode), names every file by its content hash, writes
// dist/manifest.json (file, SRI hash, sizes) and fails when a bundle is over its gzip budget (issue 15, §9).
// The SignalR client is a bundle of its own that the chat loads when a chat starts, so it is built first and
// its file name and SRI hash are compiled into the chat.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist`;
const KB = 1024;

const bundles = [
  { name: 'steunpunt-signalr', entry: 'src/signalr/index.ts', global: 'SteunpuntSignalR' },
  { name: 'steunpunt-chat', entry: 'src/chat/index.ts', global: 'SteunpuntChat' },
  { name: 'steunpunt-mail-form', entry: 'src/mail-form/index.ts', global: 'SteunpuntMailForm' },
  { name: 'steunpunt-selftest', entry: 'src/selftest/index.ts', global: 'SteunpuntSelfTest' },
];

// gzip bytes allowed; the chat "with SignalR" budget is the chat and the SignalR bundle together.
const budgets = [
  { what: 'chat before a chat starts', files: ['steunpunt-chat'], max: 20 * KB },
  { what: 'chat with SignalR loaded', files: ['steunpunt-chat', 'steunpunt-signalr'], max: 45 * KB },
  { what: 'mail form', files: ['steunpunt-mail-form'], max: 15 * KB },
  { what: 'self-help test', files: ['steunpunt-selftest'], max: 15 * KB },
];

const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
// Emptied, not removed: a running local host serves this folder.
await mkdir(dist, { recursive: true });
for (const name of await readdir(dist)) await rm(`${dist}/${name}`, { recursive: true, force: true });

const manifest = { version, files: {} };
const define = {};
for (const bundle of bundles) {
  const outDir = `${dist}/.build/${bundle.name}`;
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: `${root}${bundle.entry}`, name: bundle.global, formats: ['iife'], fileName: () => `${bundle.name}.js` },
    },
  });
  const code = await readFile(`${outDir}/${bundle.name}.js`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const file = `${bundle.name}.${hash}.js`;
  const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  // Only hashed names, so every .js file may be cached for good (staticwebapp.config.json). The local host also
  // answers the plain name (steunpunt-chat.js) from the manifest, for its demo page.
  await writeFile(`${dist}/${file}`, code);
  manifest.files[`${bundle.name}.js`] = { file, integrity, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  if (bundle.name === 'steunpunt-signalr') {
    define.__SIGNALR_FILE__ = JSON.stringify(file);
    define.__SIGNALR_INTEGRITY__ = JSON.stringify(integrity);
  }
}
await rm(`${dist}/.build`, { recursive: true, force: true });
// The Static Web App reads its configuration from the root of what is deployed (azd deploys dist/).
await copyFile(`${root}staticwebapp.config.json`, `${dist}/staticwebapp.config.json`);
await writeFile(`${dist}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');

let over = false;
for (const budget of budgets) {
  const size = budget.files.reduce((sum, name) => sum + manifest.files[`${name}.js`].gzipBytes, 0);
  const ok = size <= budget.max;
  over ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${budget.what}: ${(size / KB).toFixed(1)} KB gzip (budget ${budget.max / KB} KB)`);
}
if (over) {
  console.error('Widget bundle over its budget: see the lines marked OVER.');
  process.exit(1);
}
