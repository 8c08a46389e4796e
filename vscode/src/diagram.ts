// The "Open funnel diagram" panel: a webview beside the editor showing the picture of the funnel at
// the caret, asked from the language server (request funnel/diagram, docs/diagram.md), redrawn
// after a short pause in typing, following the colour theme; a click on a stage reveals it.
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The answer of the server's funnel/diagram request. */
interface DiagramResult {
  funnel?: string;
  label?: string;
  svg?: string;
  stages: Record<string, { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
  errors: boolean;
  message?: string;
}

/** How long typing must pause before the picture is redrawn. */
const PAUSE_MS = 400;

export class DiagramPanel {
  private static current: DiagramPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private position: vscode.Position | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pending: vscode.CancellationTokenSource | undefined;
  private last: DiagramResult | undefined;
  private shown = false;

  /** Opens the panel beside the editor (or brings it forward) for the active funnel editor. */
  static open(client: () => LanguageClient | undefined): void {
    const editor = vscode.window.activeTextEditor;
    let current = DiagramPanel.current;
    if (current) {
      current.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel('funnelDiagram', 'Funnel diagram',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true });
      current = new DiagramPanel(panel, client);
      DiagramPanel.current = current;
    }
    if (editor && editor.document.languageId === 'funnel') {
      current.follow(editor, 0);
    }
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly client: () => LanguageClient | undefined) {
    panel.webview.html = html(panel.webview);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message) => this.received(message)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === 'funnel') {
          this.follow(editor, 0);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document) {
          // Only the funnel around the caret matters: redraw when the caret may have moved to another.
          this.position = event.selections[0]?.active;
          this.schedule(PAUSE_MS);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) {
          this.schedule(PAUSE_MS);
        }
      }),
      vscode.window.onDidChangeActiveColorTheme(() => this.post({ type: 'theme', theme: theme() })),
    );
  }

  private follow(editor: vscode.TextEditor, delay: number): void {
    this.document = editor.document;
    this.position = editor.selection.active;
    this.schedule(delay);
  }

  private schedule(delay: number): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** Asks the server for the picture; a newer request cancels the one still running. */
  private async refresh(): Promise<void> {
    const client = this.client();
    const document = this.document;
    if (!client || !document) {
      return;
    }
    this.pending?.cancel();
    const pending = new vscode.CancellationTokenSource();
    this.pending = pending;
    let result: DiagramResult;
    try {
      result = await client.sendRequest<DiagramResult>('funnel/diagram', {
        textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
        position: this.position ? { line: this.position.line, character: this.position.character } : null,
        theme: theme(),
      }, pending.token);
    } catch (error) {
      if (!pending.token.isCancellationRequested) {
        this.post({ type: 'notice', text: `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}` });
      }
      return;
    } finally {
      if (this.pending === pending) {
        this.pending = undefined;
      }
      pending.dispose();
    }
    if (pending.token.isCancellationRequested) {
      return;
    }
    if (result.svg) {
      this.last = result;
      this.shown = true;
      this.panel.title = `Funnel: ${result.label ?? result.funnel}`;
      this.post({ type: 'diagram', svg: result.svg, theme: theme() });
    } else if (result.errors && this.shown) {
      this.post({ type: 'notice', text: 'The text has errors: this is the last picture drawn without them.' });
    } else {
      this.post({ type: 'notice', text: result.message ?? 'Nothing to draw.', clear: !result.errors || !this.shown });
    }
  }

  private async received(message: { type: string; stage?: string }): Promise<void> {
    if (message.type !== 'reveal' || !message.stage || !this.last) {
      return;
    }
    const location = this.last.stages[message.stage];
    const client = this.client();
    if (!location || !client) {
      return;
    }
    const range = client.protocol2CodeConverter.asRange(location.range);
    const uri = client.protocol2CodeConverter.asUri(location.uri);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private post(message: unknown): void {
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    DiagramPanel.current = undefined;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.pending?.cancel();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

/** The SVG's data-theme for VS Code's colour theme. */
function theme(): string {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast ? 'dark' : 'light';
}

/** The webview: a notice line and the picture; the SVG comes from the server, its labels escaped there. */
function html(webview: vscode.Webview): string {
  const nonce = crypto.randomBytes(16).toString('base64');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
  body { padding: 0 8px; color: var(--vscode-foreground); background: var(--vscode-editor-background); }
  #notice { display: none; margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--vscode-editorWarning-foreground);
    background: var(--vscode-inputValidation-warningBackground); color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
  #notice.shown { display: block; }
  #diagram { overflow: auto; }
  /* The picture on the editor's own background. */
  body svg.funnel-diagram[data-theme] { --fd-bg: var(--vscode-editor-background); }
  #diagram g.fd-stage:hover .fd-box { stroke-width: 3; }
</style></head>
<body>
<div id="notice" role="status"></div>
<div id="diagram"></div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const notice = document.getElementById('notice');
  const diagram = document.getElementById('diagram');
  function setTheme(theme) {
    const svg = diagram.querySelector('svg');
    if (svg) { svg.setAttribute('data-theme', theme); }
  }
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'diagram') {
      notice.className = '';
      notice.textContent = '';
      diagram.innerHTML = message.svg;
      setTheme(message.theme);
    } else if (message.type === 'notice') {
      notice.textContent = message.text;
      notice.className = 'shown';
      if (message.clear) { diagram.innerHTML = ''; }
    } else if (message.type === 'theme') {
      setTheme(message.theme);
    }
  });
  diagram.addEventListener('click', (event) => {
    const stage = event.target.closest && event.target.closest('g.fd-stage');
    if (stage) { vscode.postMessage({ type: 'reveal', stage: stage.getAttribute('data-stage') }); }
  });
</script>
</body></html>`;
}
