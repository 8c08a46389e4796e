// The AOT cache of the Java runtime bundled with the linux-x64 extension (scripts/server-runtime.sh).
import * as fs from 'fs';
import * as path from 'path';

export interface AotCache {
  /** The cache to start the server with, when it fits the jar. */
  file?: string;
  /** Why the server starts without it. */
  problem?: string;
}

/**
 * The server's AOT cache, made fit to use. The JVM uses a cache only with the very jar it was made
 * with, which it tells by size and modification time; installing a .vsix writes the jar anew, with the
 * time of installation. So the jar gets back the modification time it had when the cache was made
 * (`runtime.json`). Where that is not possible (a read-only installation) the server starts without the
 * cache: slower, but the same.
 */
export function aotCache(serverDir: string, jar: string): AotCache {
  const file = path.join(serverDir, 'funnel-language-server.aot');
  const description = path.join(serverDir, 'runtime.json');
  try {
    if (!fs.existsSync(file)) {
      return { problem: `${file} is missing` };
    }
    const { jarModified } = JSON.parse(fs.readFileSync(description, 'utf8')) as { jarModified: number };
    if (typeof jarModified !== 'number') {
      return { problem: `${description} does not say when the jar was made` };
    }
    const stat = fs.statSync(jar);
    if (Math.floor(stat.mtimeMs / 1000) !== jarModified) {
      fs.utimesSync(jar, stat.atime, jarModified);
    }
    return { file };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
