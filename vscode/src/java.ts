// Finds a Java runtime new enough (21+) to run the Funnel language server.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const MINIMUM_JAVA = 21;

export interface JavaRuntime {
  /** The java executable. */
  executable: string;
  /** Feature version, e.g. 21. */
  version: number;
  /** Where it was found, for the log: "setting funnel.java.home", "JAVA_HOME", ... */
  source: string;
  /** The runtime inside the extension (linux-x64 package), made for the server, with its AOT cache. */
  bundled?: boolean;
}

/** The source name of the runtime inside the extension. */
export const BUNDLED = 'the runtime bundled with the extension';

export interface JavaSearch {
  found?: JavaRuntime;
  /** Every candidate looked at, with why it was not taken. */
  rejected: string[];
}

const exe = process.platform === 'win32' ? 'java.exe' : 'java';

/** The feature version of a java executable, from its home's `release` file or by asking it. */
export function javaVersion(executable: string): number | undefined {
  const home = path.dirname(path.dirname(executable));
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const match = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(release);
    if (match) {
      return match[1] === '1' && match[2] ? Number(match[2]) : Number(match[1]);
    }
  } catch {
    // No release file: ask the executable.
  }
  // java -version prints to standard error.
  const result = spawnSync(executable, ['-version'], { encoding: 'utf8', timeout: 15000 });
  return parseVersion(`${result.stderr ?? ''}${result.stdout ?? ''}`);
}

export function parseVersion(text: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) {
    return undefined;
  }
  return match[1] === '1' && match[2] ? Number(match[2]) : Number(match[1]);
}

function onPath(pathVariable: string | undefined): string | undefined {
  const dirs = (pathVariable ?? '').split(path.delimiter).filter((d) => d.length > 0);
  for (const dir of dirs) {
    const candidate = path.join(dir, exe);
    if (isFile(candidate)) {
      try {
        return fs.realpathSync(candidate);
      } catch {
        return candidate;
      }
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function children(dir: string, suffix = ''): string[] {
  try {
    return fs.readdirSync(dir).map((name) => path.join(dir, name, suffix));
  } catch {
    return [];
  }
}

/** The usual places JDKs are installed on Linux, macOS and Windows. */
export function commonJavaHomes(): string[] {
  const home = os.homedir();
  const homes: string[] = [];
  homes.push(...children('/usr/lib/jvm'), ...children('/usr/java'), ...children('/opt/java'));
  homes.push(...children('/opt').filter((dir) => /jdk|java|temurin|zulu|corretto/i.test(path.basename(dir))));
  homes.push(...children('/Library/Java/JavaVirtualMachines', 'Contents/Home'));
  homes.push(...children(path.join(home, 'Library/Java/JavaVirtualMachines'), 'Contents/Home'));
  homes.push(...children(path.join(home, '.sdkman/candidates/java')), ...children(path.join(home, '.jdks')));
  homes.push(...children(path.join(home, '.asdf/installs/java')));
  for (const base of [process.env.ProgramFiles, process.env['ProgramFiles(x86)']]) {
    if (base) {
      for (const vendor of ['Java', 'Eclipse Adoptium', 'Microsoft', 'Zulu', 'Amazon Corretto', 'BellSoft']) {
        homes.push(...children(path.join(base, vendor)));
      }
    }
  }
  return homes;
}

/**
 * Looks for Java 21+ in order: the setting, the runtime bundled with the extension (`bundledHome`, in
 * the linux-x64 package only), FUNNEL_JAVA_HOME, JAVA_HOME, the PATH, then the common JDK folders
 * (newest first). The first new-enough one wins; the others are listed for the error message.
 */
export function findJava(settingHome: string | undefined, env: NodeJS.ProcessEnv = process.env,
  bundledHome?: string): JavaSearch {
  const rejected: string[] = [];
  const check = (executable: string | undefined, source: string): JavaRuntime | undefined => {
    if (!executable) {
      return undefined;
    }
    if (!isFile(executable)) {
      rejected.push(`${source}: ${executable} does not exist`);
      return undefined;
    }
    const version = javaVersion(executable);
    if (version === undefined) {
      rejected.push(`${source}: ${executable} did not tell its version`);
      return undefined;
    }
    if (version < MINIMUM_JAVA) {
      rejected.push(`${source}: ${executable} is Java ${version}, too old`);
      return undefined;
    }
    return { executable, version, source };
  };
  const bundled = (runtime: JavaRuntime | undefined) => (runtime ? { ...runtime, bundled: true } : undefined);
  const fromHome = (home: string | undefined) => (home && home.trim().length > 0 ? path.join(home.trim(), 'bin', exe) : undefined);

  const explicit = check(fromHome(settingHome), 'setting funnel.java.home')
    ?? bundled(check(fromHome(bundledHome), BUNDLED))
    ?? check(fromHome(env.FUNNEL_JAVA_HOME), 'FUNNEL_JAVA_HOME')
    ?? check(fromHome(env.JAVA_HOME), 'JAVA_HOME')
    ?? check(onPath(env.PATH), 'PATH');
  if (explicit) {
    return { found: explicit, rejected };
  }
  let best: JavaRuntime | undefined;
  for (const home of commonJavaHomes()) {
    const candidate = check(fromHome(home), home);
    if (candidate && (!best || candidate.version > best.version)) {
      best = candidate;
    }
  }
  return { found: best, rejected };
}
