// Unit tests of the Java lookup (src/java.ts), run with node's test runner on an esbuild bundle of it.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const require = createRequire(import.meta.url);
const { findJava, parseVersion } = require(process.env.FUNNEL_JAVA_BUNDLE);

const scratch = mkdtempSync(join(tmpdir(), 'funnel-java-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake JDK: bin/java that prints a version, and optionally a release file. */
function fakeJdk(name, version, { release = true } = {}) {
  const home = join(scratch, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  const java = join(home, 'bin', 'java');
  writeFileSync(java, `#!/bin/sh\necho 'openjdk version "${version}" 2026-01-01' >&2\n`);
  chmodSync(java, 0o755);
  if (release) {
    writeFileSync(join(home, 'release'), `JAVA_VERSION="${version}"\n`);
  }
  return home;
}

test('reads versions the way java -version prints them', () => {
  assert.equal(parseVersion('openjdk version "21.0.2" 2024-01-16'), 21);
  assert.equal(parseVersion('java version "1.8.0_392"'), 8);
  assert.equal(parseVersion('openjdk version "25" 2025-09-16'), 25);
  assert.equal(parseVersion('no version here'), undefined);
});

test('the setting wins over JAVA_HOME', () => {
  const setting = fakeJdk('setting-21', '21.0.4');
  const javaHome = fakeJdk('javahome-25', '25.0.1');
  const search = findJava(setting, { JAVA_HOME: javaHome, PATH: '' });
  assert.equal(search.found.version, 21);
  assert.equal(search.found.source, 'setting funnel.java.home');
});

test('a Java older than 21 is passed over, and why is said', () => {
  const old = fakeJdk('old-17', '17.0.9');
  const current = fakeJdk('new-22', '22.0.1', { release: false });
  const search = findJava(old, { JAVA_HOME: current, PATH: '' });
  assert.equal(search.found.version, 22);
  assert.equal(search.found.source, 'JAVA_HOME');
  assert.ok(search.rejected.some((line) => line.includes('is Java 17, too old')), search.rejected.join('\n'));
});

test('a setting that points nowhere is reported', () => {
  const search = findJava(join(scratch, 'missing'), { JAVA_HOME: fakeJdk('jh-21', '21'), PATH: '' });
  assert.equal(search.found.version, 21);
  assert.ok(search.rejected.some((line) => line.startsWith('setting funnel.java.home') && line.includes('does not exist')));
});

test('the java on the PATH is found', () => {
  const home = fakeJdk('path-23', '23.0.1');
  const search = findJava('', { PATH: join(home, 'bin') });
  assert.equal(search.found.version, 23);
  assert.equal(search.found.source, 'PATH');
});

test('the runtime bundled with the extension wins over JAVA_HOME and the PATH', () => {
  const bundled = fakeJdk('bundled-25', '25.0.3');
  const javaHome = fakeJdk('jh-bundled-21', '21.0.4');
  const search = findJava('', { JAVA_HOME: javaHome, PATH: join(javaHome, 'bin') }, bundled);
  assert.equal(search.found.executable, join(bundled, 'bin', 'java'));
  assert.equal(search.found.bundled, true);
  assert.equal(search.found.source, 'the runtime bundled with the extension');
});

test('the setting wins over the bundled runtime, and then runs without it', () => {
  const setting = fakeJdk('setting-over-bundled-21', '21.0.4');
  const search = findJava(setting, { PATH: '' }, fakeJdk('bundled-under-setting', '25'));
  assert.equal(search.found.source, 'setting funnel.java.home');
  assert.equal(search.found.bundled, undefined);
});

test('a setting that points nowhere falls back to the bundled runtime', () => {
  const search = findJava(join(scratch, 'nowhere'), { JAVA_HOME: fakeJdk('jh-behind-bundled', '23'), PATH: '' },
    fakeJdk('bundled-fallback', '25'));
  assert.equal(search.found.bundled, true);
  assert.ok(search.rejected.some((line) => line.startsWith('setting funnel.java.home')));
});
