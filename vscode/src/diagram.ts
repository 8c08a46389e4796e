// The "Open funnel diagram" panel: a webview beside the editor showing the picture of the funnel at
// the caret, asked from the language server (request funnel/diagram, docs/diagram.md), redrawn
// after a short pause in typing, following the colour theme; a click on a stage reveals it.
// The picture opens fitted to the panel and follows its size until the user zooms (wheel, + and -)
// or pans (drag, arrow keys); 0 fits it again. The stage at the caret is outlined and panned into view.
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** After the server cancelled a request, the time before asking again. */
const ASK_AGAIN_MS = 100;

/** LSP's RequestCancelled (-32800) and ServerCancelled (-32802): the server gave up on the request, not we. */
function cancelledByServer(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === -32800 || code === -32802;
}

/** The answer of the server's funnel/diagram request. */
interface DiagramResult {
  funnel?: string;
  label?: string;
  svg?: string;
  stages: Record<string, { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
  /** The stage whose text holds the caret: the panel outlines it and brings it into view. */
  caretStage?: string;
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
      if (pending.token.isCancellationRequested) {
        return;
      }
      if (cancelledByServer(error)) {
        // The server drops a read when the text changes under it (a file opened or edited meanwhile): ask again.
        this.schedule(ASK_AGAIN_MS);
        return;
      }
      this.post({ type: 'notice', text: `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}` });
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
      this.post({ type: 'diagram', svg: result.svg, theme: theme(), funnel: result.funnel, caret: result.caretStage ?? null });
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
  html, body { height: 100%; margin: 0; overflow: hidden; }
  body { display: flex; flex-direction: column; color: var(--vscode-foreground); background: var(--vscode-editor-background); }
  #notice { display: none; margin: 8px; padding: 6px 10px; border-left: 3px solid var(--vscode-editorWarning-foreground);
    background: var(--vscode-inputValidation-warningBackground); color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
  #notice.shown { display: block; }
  #diagram { flex: 1; position: relative; overflow: hidden; cursor: grab; outline: none; }
  #diagram.panning { cursor: grabbing; }
  #picture { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
  #picture svg { display: block; }
  /* The picture on the editor's own background. */
  body svg.funnel-diagram[data-theme] { --fd-bg: var(--vscode-editor-background); }
  #diagram g.fd-stage:hover .fd-box { stroke-width: 3; }
  #diagram g.fd-stage.fd-caret .fd-box { stroke: var(--vscode-focusBorder); stroke-width: 4; }
</style></head>
<body>
<div id="notice" role="status"></div>
<div id="diagram" tabindex="0"><div id="picture"></div></div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const notice = document.getElementById('notice');
  const diagram = document.getElementById('diagram');
  const picture = document.getElementById('picture');
  const STEP = 1.15, MIN = 0.1, MAX = 4, MARGIN = 16, SLOP = 4;
  // view.scale: picture pixels per panel pixel; x, y: where the picture's corner is; fitted: follows the panel's size.
  const view = { scale: 1, x: 0, y: 0, fitted: true, funnel: null, caret: null };
  function svg() { return picture.querySelector('svg'); }
  function apply() {
    picture.style.transform = 'translate(' + view.x + 'px,' + view.y + 'px) scale(' + view.scale + ')';
    diagram.dataset.scale = String(view.scale);
  }
  function size() {
    const s = svg();
    return s ? { width: Number(s.getAttribute('width')), height: Number(s.getAttribute('height')) } : null;
  }
  /** The whole picture in the panel, centred, at most at full size. */
  function fit() {
    view.fitted = true;
    const natural = size();
    if (!natural) { return; }
    const w = diagram.clientWidth, h = diagram.clientHeight;
    view.scale = Math.max(MIN, Math.min(1, w / natural.width, h / natural.height));
    view.x = (w - natural.width * view.scale) / 2;
    view.y = (h - natural.height * view.scale) / 2;
    apply();
  }
  /** Zooms by the factor keeping the point (px, py) of the panel where it is. */
  function zoom(factor, px, py) {
    const next = Math.max(MIN, Math.min(MAX, view.scale * factor));
    view.x = px - (px - view.x) * next / view.scale;
    view.y = py - (py - view.y) * next / view.scale;
    view.scale = next;
    view.fitted = false;
    apply();
  }
  function pan(dx, dy) { view.x += dx; view.y += dy; view.fitted = false; apply(); }
  /** Outlines the stage at the caret and pans it into view when it is (partly) outside the panel. */
  function showCaret() {
    for (const g of picture.querySelectorAll('g.fd-stage.fd-caret')) { g.classList.remove('fd-caret'); }
    const group = view.caret ? [...picture.querySelectorAll('g.fd-stage')].find((g) => g.getAttribute('data-stage') === view.caret) : null;
    if (!group) { return; }
    group.classList.add('fd-caret');
    const box = group.querySelector('rect.fd-box');
    const x = Number(box.getAttribute('x')), y = Number(box.getAttribute('y'));
    const w = Number(box.getAttribute('width')), h = Number(box.getAttribute('height'));
    const pw = diagram.clientWidth, ph = diagram.clientHeight;
    const left = view.x + x * view.scale, top = view.y + y * view.scale;
    if (left >= 0 && top >= 0 && left + w * view.scale <= pw && top + h * view.scale <= ph) { return; }
    if ((w + 2 * MARGIN) * view.scale > pw || (h + 2 * MARGIN) * view.scale > ph) {
      view.scale = Math.max(MIN, Math.min((pw - 2 * MARGIN) / w, (ph - 2 * MARGIN) / h));
    }
    view.x = pw / 2 - (x + w / 2) * view.scale;
    view.y = ph / 2 - (y + h / 2) * view.scale;
    view.fitted = false;
    apply();
  }
  function setTheme(theme) {
    const s = svg();
    if (s) { s.setAttribute('data-theme', theme); }
  }
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'diagram') {
      notice.className = '';
      notice.textContent = '';
      picture.innerHTML = message.svg;
      setTheme(message.theme);
      if (message.funnel !== view.funnel || view.fitted) {
        view.funnel = message.funnel;
        fit();
      } else {
        apply();
      }
      view.caret = message.caret;
      showCaret();
    } else if (message.type === 'notice') {
      notice.textContent = message.text;
      notice.className = 'shown';
      if (message.clear) { picture.innerHTML = ''; view.funnel = null; }
    } else if (message.type === 'theme') {
      setTheme(message.theme);
    }
  });
  new ResizeObserver(() => { if (view.fitted) { fit(); } }).observe(diagram);
  diagram.addEventListener('wheel', (event) => {
    event.preventDefault();
    const at = diagram.getBoundingClientRect();
    zoom(event.deltaY < 0 ? STEP : 1 / STEP, event.clientX - at.left, event.clientY - at.top);
  }, { passive: false });
  let press = null, dragged = false;
  diagram.addEventListener('pointerdown', (event) => {
    if (event.button === 0) { press = { x: event.clientX, y: event.clientY }; dragged = false; }
  });
  diagram.addEventListener('pointermove', (event) => {
    if (!press) { return; }
    const dx = event.clientX - press.x, dy = event.clientY - press.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < SLOP) { return; }
    if (!dragged) { diagram.setPointerCapture(event.pointerId); diagram.classList.add('panning'); }
    dragged = true;
    press = { x: event.clientX, y: event.clientY };
    pan(dx, dy);
  });
  diagram.addEventListener('pointerup', () => { press = null; diagram.classList.remove('panning'); });
  diagram.addEventListener('keydown', (event) => {
    const w = diagram.clientWidth, h = diagram.clientHeight, step = Math.max(20, w / 10);
    const keys = { '+': () => zoom(STEP, w / 2, h / 2), '=': () => zoom(STEP, w / 2, h / 2), '-': () => zoom(1 / STEP, w / 2, h / 2),
      '0': fit, ArrowLeft: () => pan(step, 0), ArrowRight: () => pan(-step, 0), ArrowUp: () => pan(0, step), ArrowDown: () => pan(0, -step) };
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });
  diagram.addEventListener('click', (event) => {
    if (dragged) { dragged = false; return; }
    const stage = event.target.closest && event.target.closest('g.fd-stage');
    if (stage) { vscode.postMessage({ type: 'reveal', stage: stage.getAttribute('data-stage') }); }
  });
</script>
</body></html>`;
}
