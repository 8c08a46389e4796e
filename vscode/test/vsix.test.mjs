// Tests of the two packages scripts/build.sh makes: the linux-x64 .vsix is small enough, carries a runtime
// that starts the language server with its AOT cache once installed, and the universal one carries none.
// Run with node's test runner after build.sh (npm run test:vsix bundles src/runtime.ts for it).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

const require = createRequire(import.meta.url);
const { aotCache } = require(process.env.FUNNEL_RUNTIME_BUNDLE);
const rpc = require('vscode-jsonrpc/node');

const here = dirname(fileURLToPath(import.meta.url));
const extensionDir = resolve(here, '..');
const platformVsix = join(extensionDir, 'funnel-dsl-linux-x64.vsix');
const universalVsix = join(extensionDir, 'funnel-dsl.vsix');
const MAX_BYTES = 60 * 1024 * 1024;

const scratch = mkdtempSync(join(tmpdir(), 'funnel-vsix-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function entries(vsix) {
  const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  return list.stdout.split('\n').filter((line) => line.length > 0);
}

test('the linux-x64 .vsix is under 60 MB and made for linux-x64', () => {
  const size = statSync(platformVsix).size;
  console.log(`funnel-dsl-linux-x64.vsix: ${(size / 1024 / 1024).toFixed(1)} MB`);
  assert.ok(size < MAX_BYTES, `${size} bytes`);
  const manifest = spawnSync('unzip', ['-p', platformVsix, 'extension.vsixmanifest'], { encoding: 'utf8' }).stdout;
  assert.match(manifest, /TargetPlatform="linux-x64"/);
  const files = entries(platformVsix);
  for (const file of ['extension/server/runtime/bin/java', 'extension/server/runtime/lib/modules',
    'extension/server/funnel-language-server.aot', 'extension/server/runtime.json',
    'extension/server/funnel-language-server.jar']) {
    assert.ok(files.includes(file), `${file} is missing`);
  }
});

test('the universal .vsix carries no runtime and names no platform', () => {
  const files = entries(universalVsix);
  assert.ok(files.includes('extension/server/funnel-language-server.jar'));
  assert.ok(!files.some((file) => file.includes('server/runtime') || file.endsWith('.aot')), files.join('\n'));
  const manifest = spawnSync('unzip', ['-p', universalVsix, 'extension.vsixmanifest'], { encoding: 'utf8' }).stdout;
  assert.doesNotMatch(manifest, /TargetPlatform/);
});

test('installed, the bundled runtime starts the server with its AOT cache and reports a broken stage', async () => {
  // Installed as VS Code does it: unpacked, every file written at the time of installation.
  const installed = join(scratch, 'funnel-dsl.funnel-dsl-1.0.0-linux-x64');
  const unzip = spawnSync('unzip', ['-q', platformVsix, 'extension/*', '-d', installed], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  const serverDir = join(installed, 'extension', 'server');
  const jar = join(serverDir, 'funnel-language-server.jar');
  const now = new Date();
  utimesSync(jar, now, now);

  const cache = aotCache(serverDir, jar);
  assert.equal(cache.problem, undefined);
  // AOTMode=on: the JVM refuses to start unless the cache fits, instead of starting slowly without it.
  const java = join(serverDir, 'runtime', 'bin', 'java');
  const server = spawn(java, ['-Xmx512m', `-XX:AOTCache=${cache.file}`, '-XX:AOTMode=on', '-jar', jar, '--stdio'],
    { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (data) => { stderr += data; });
  const exited = new Promise((resolveExit) => server.on('exit', (code) => resolveExit(code)));
  const reader = new rpc.StreamMessageReader(server.stdout);
  // No watch for stalled messages: a message the server leaves unfinished as it exits (seen on a busy
  // machine) would keep vscode-jsonrpc's timer for it rearming every 10 s, and node running, for ever.
  reader.partialMessageTimeout = 0;
  const connection = rpc.createMessageConnection(reader, new rpc.StreamMessageWriter(server.stdin));
  connection.onRequest(() => null); // workspace/configuration, client/registerCapability
  const diagnostics = new Promise((resolveDiagnostics) => {
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (params.uri.endsWith('broken.funnel')) {
        resolveDiagnostics(params.diagnostics);
      }
    });
  });
  connection.listen();
  try {
    const workspace = join(scratch, 'workspace');
    spawnSync('mkdir', ['-p', workspace]);
    const broken = join(workspace, 'broken.funnel');
    // One problem: a misspelt stage on line 4.
    const text = 'funnel F "F" {\n    stage A "A" {\n        moves to B 50%\n        moves to Bee 10%\n'
      + '        moves to L 40%\n    }\n    won stage B "B"\n    lost stage L "L"\n}\n';
    writeFileSync(broken, text);
    const root = pathToFileURL(workspace).href;
    const started = Date.now();
    const init = await Promise.race([
      connection.sendRequest('initialize', { processId: process.pid, rootUri: root, capabilities: {},
        workspaceFolders: [{ uri: root, name: 'workspace' }] }),
      exited.then((code) => { throw new Error(`the server exited with ${code}:\n${stderr}`); }),
    ]);
    assert.ok(init.capabilities.completionProvider, JSON.stringify(init));
    connection.sendNotification('initialized', {});
    connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(broken).href, languageId: 'funnel', version: 1, text },
    });
    const problems = await diagnostics;
    console.log(`bundled runtime: first diagnostics ${Date.now() - started} ms after initialize was sent`);
    assert.deepEqual(problems.map((d) => [d.range.start.line, d.code]), [[3, 'unresolved-reference']]);
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    assert.equal(await exited, 0);
    assert.equal(stderr, '', 'the JVM said something: a refused cache or a warning');
  } finally {
    connection.dispose();
    server.kill();
  }
});
