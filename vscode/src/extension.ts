// The Funnel DSL extension: starts the Funnel language server (a Java program shipped inside the
// extension) and connects VS Code to it.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DiagramPanel } from './diagram';
import { findJava, MINIMUM_JAVA } from './java';
import { aotCache } from './runtime';

/** The scheme of the built-in channel library (TV, Radio, ...), which is no file on disk. */
const BUILTIN_SCHEME = 'funnel';
// HotSpot's tier-4 thresholds raised (defaults 5,000, 600, 15,000, 40,000), as scripts/server-runtime.sh does for the
// bundled runtime.
const LATE_OPTIMIZING_COMPILER = ['-XX:Tier4InvocationThreshold=50000', '-XX:Tier4MinInvocationThreshold=20000',
  '-XX:Tier4CompileThreshold=60000', '-XX:Tier4BackEdgeThreshold=400000'];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Funnel Language Server', { log: true });
  context.subscriptions.push(output);

  // "Go to definition" on a built-in channel opens the library read-only.
  const library = context.asAbsolutePath(path.join('server', 'builtin-channels.funnel'));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(BUILTIN_SCHEME, {
    provideTextDocumentContent: () => fs.readFileSync(library, 'utf8'),
  }));

  context.subscriptions.push(
    vscode.commands.registerCommand('funnel.restartServer', async () => {
      await stop();
      await start(context);
    }),
    vscode.commands.registerCommand('funnel.showServerOutput', () => output.show()),
    vscode.commands.registerCommand('funnel.openDiagram', () => DiagramPanel.open(() => client)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('funnel.java') || event.affectsConfiguration('funnel.server')) {
        const choice = await vscode.window.showInformationMessage(
          'The Funnel language server settings changed. Restart the server to use them?', 'Restart');
        if (choice === 'Restart') {
          await vscode.commands.executeCommand('funnel.restartServer');
        }
      }
    }),
  );
  await start(context);
}

/**
 * Where the client traces the messages to and from the server. vscode-languageclient 10+ traces only while its channel's
 * log level is Trace, and only then reads funnel.trace.server: the setting alone did nothing. Through this channel the
 * setting is enough, as its description says: while it is not "off" the channel says its level is Trace and the traced
 * messages are written at the level the output panel shows (info), so they are also in the panel's log file.
 */
function traceChannel(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const setting = () => vscode.workspace.getConfiguration('funnel').get<string>('trace.server', 'off') !== 'off';
  const level = () => (setting() ? vscode.LogLevel.Trace : output.logLevel);
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  context.subscriptions.push(changed,
    output.onDidChangeLogLevel(() => changed.fire(level())),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('funnel.trace.server')) {
        changed.fire(level());
      }
    }));
  return {
    name: output.name,
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: changed.event,
    trace: (message, ...args) => (setting() ? output.info(message, ...args) : output.trace(message, ...args)),
    debug: (message, ...args) => output.debug(message, ...args),
    info: (message, ...args) => output.info(message, ...args),
    warn: (message, ...args) => output.warn(message, ...args),
    error: (error, ...args) => output.error(error, ...args),
    append: (value) => output.append(value),
    appendLine: (value) => output.appendLine(value),
    replace: (value) => output.replace(value),
    clear: () => output.clear(),
    show: (column?: vscode.ViewColumn | boolean, preserveFocus?: boolean) => output.show(column as vscode.ViewColumn, preserveFocus),
    hide: () => output.hide(),
    // The channel is the extension's own (disposed with it), not the client's.
    dispose: () => undefined,
  };
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('funnel');
  const serverDir = context.asAbsolutePath('server');
  const bundledHome = path.join(serverDir, 'runtime');
  const search = findJava(config.get<string>('java.home'), process.env,
    fs.existsSync(bundledHome) ? bundledHome : undefined);
  for (const line of search.rejected) {
    output.appendLine(`Java not used: ${line}`);
  }
  if (!search.found) {
    const message = `Funnel: no Java ${MINIMUM_JAVA} or later was found, so checks, completion and the other language features are off. `
      + 'Install a JDK 21+ (e.g. Temurin or Debian\'s openjdk-21-jdk-headless), or point the setting funnel.java.home to one.';
    output.appendLine(message);
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Details');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'funnel.java.home');
    } else if (choice === 'Show Details') {
      output.show();
    }
    return;
  }
  const java = search.found;
  output.appendLine(`Using Java ${java.version} from ${java.source}: ${java.executable}`);

  const jar = path.join(serverDir, 'funnel-language-server.jar');
  const memory = config.get<string>('server.maxMemory') || '512m';
  const vmArgs = config.get<string[]>('server.vmArgs') ?? [];
  let jvmArgs: string[];
  if (java.bundled) {
    // The bundled runtime has the server's JVM options built in (scripts/server-runtime.sh); its AOT cache
    // holds the server's classes loaded and linked, which saves about 40% of the processor time to the first
    // diagnostics (docs/performance.md).
    const cache = aotCache(serverDir, jar);
    if (cache.problem) {
      output.appendLine(`Starting without the AOT cache: ${cache.problem}`);
    }
    jvmArgs = [`-Xmx${memory}`, ...(cache.file ? [`-XX:AOTCache=${cache.file}`] : [])];
  } else {
    // The parallel collector: every edit rebuilds the file's model, and on a large file the serial
    // collector's pauses were a third of the time to new diagnostics (docs/performance.md).
    // The optimizing compiler later than by default, as in the bundled runtime: compiling during the start
    // what only the start runs cost about 150 ms of a 1 s start on 2 cores, and edits were no slower.
    jvmArgs = [`-Xmx${memory}`, '-Xss4m', '-XX:+UseParallelGC', ...LATE_OPTIMIZING_COMPILER,
      // Java 23+ warns about Guava's use of sun.misc.Unsafe on every start unless told it is fine.
      ...(java.version >= 23 ? ['--sun-misc-unsafe-memory-access=allow'] : [])];
  }
  const serverOptions: ServerOptions = {
    command: java.executable,
    // TransportKind.stdio adds --stdio, which the server accepts.
    args: [...jvmArgs, ...vmArgs, '-jar', jar],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'funnel' },
      { scheme: 'untitled', language: 'funnel' },
    ],
    synchronize: {
      // Files changed outside the editor (git checkout, generators) are checked again.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.funnel'),
    },
    initializationOptions: { builtinChannelLocations: true },
    outputChannel: output,
    traceOutputChannel: traceChannel(context, output),
  };
  client = new LanguageClient('funnel', 'Funnel Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const message = `Funnel: the language server did not start: ${error instanceof Error ? error.message : String(error)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Show Details').then((choice) => {
      if (choice) {
        output.show();
      }
    });
  }
}
