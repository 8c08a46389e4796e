// End-to-end test in a real VS Code: code-server (VS Code in the browser) with the built .vsix
// installed, driven by Playwright through Debian's chromium. Everything is asserted from what is on
// the screen: the error squiggle, the Problems panel, completion, hover and code lenses, the deal history's
// warning, code lens, hover and quick fix, the diagram; and the traced messages in the output panel's log.
// Screenshots go to vscode/test-output/. Run by ../scripts/test.sh (with Node 24 first on the PATH).
// Each step does what a user does and waits for what a user waits for, so that a busy machine makes it
// slower, not red: keys go to an editor only once it has the focus, Enter in "Go to Line" only once the box
// shows the position, and every check of a position waits for the state it reads. No fixed pauses.
//   node e2e/run.mjs                 the universal funnel-dsl.vsix, with the JDK the environment names
//   node e2e/run.mjs --no-java       funnel-dsl-linux-x64.vsix on a machine without Java: code-server runs in
//                                    a mount namespace of its own (unshare -m, as root) in which every folder
//                                    the extension searches for a JDK is empty, with no java on the PATH and
//                                    no JAVA_HOME; checks diagnostics, hover and completion, and that the
//                                    server ran on the bundled runtime with its AOT cache.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const extensionDir = resolve(here, '..');
const root = resolve(extensionDir, '..');
const noJava = process.argv.includes('--no-java');
const vsix = join(extensionDir, noJava ? 'funnel-dsl-linux-x64.vsix' : 'funnel-dsl.vsix');
const out = join(extensionDir, 'test-output', noJava ? 'no-java' : 'universal');
const codeServer = join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const BROKEN = `// A trial funnel with a misspelt stage name on line 9.

/** Everyone who signed up for the free trial. */
funnel Trial "Free trial" {
    /** Signed up, not yet active. */
    stage SignUp "Sign-up" {
        probability 20%
        entering 1000 per month
        moves to Activatd 50%
    }

    /** Used the product on three different days. */
    stage Activated "Activated" {
        probability 50%
        moves to Paid 50%
        channels TV, Digital
    }

    won stage Paid "Paid"
}
`;

/** How long a step waits for the state it needs: generous, since it is about readiness on a busy machine, not speed. */
const READY = 60000;
/** For the workbench to come up. */
const STARTUP = 120000;
/** For the language server's first answer, which includes starting Java. */
const FIRST_ANSWER = 180000;
/** For one try of something a user tries again when it did not work (a hover, a click, a menu). */
const ATTEMPT = 15000;
/** For the cursor to follow a click, before clicking again (see clickInText). */
const CLICK = 5000;

const results = [];
let failed = false;

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed = true;
    results.push(`FAIL ${name}: ${error && error.message ? error.message.split('\n')[0] : error}`);
    throw error;
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

async function main() {
  for (const [what, file] of [['the .vsix (run scripts/build.sh)', vsix], ['code-server (run scripts/test.sh)', codeServer], ['chromium', chromiumPath]]) {
    if (!existsSync(file)) {
      throw new Error(`missing ${what}: ${file}`);
    }
  }
  mkdirSync(out, { recursive: true });
  rmSync(join(out, 'failure.png'), { force: true }); // only a failure of this run leaves one
  const work = mkdtempSync(join(tmpdir(), 'funnel-e2e-'));
  const userData = join(work, 'user-data');
  const extensions = join(work, 'extensions');
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'broken.funnel'), BROKEN);
  writeFileSync(join(workspace, HISTORY_FUNNEL), withHistory(readFileSync(join(workspace, HISTORY_FUNNEL), 'utf8')));
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    'editor.hover.delay': 300,
    'editor.minimap.enabled': false,
    // Every message to and from the server, with what it carries (one line of JSON each), in the output
    // panel's log, which is kept as funnel-language-server.log (a check below reads it).
    'funnel.trace.server': 'compact',
  }, null, 2));

  const install = spawnSync(process.execPath, [codeServer, '--install-extension', vsix, '--extensions-dir', extensions,
    '--user-data-dir', userData], { encoding: 'utf8' });
  if (install.status !== 0 || !/was successfully installed/.test(install.stdout + install.stderr)) {
    throw new Error(`installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
  }
  console.log(`e2e: installed ${basename(vsix)} into code-server${noJava ? ', which runs where no Java can be found' : ''}`);

  const port = await freePort();
  const log = createWriteStream(join(out, 'code-server.log'));
  const codeServerCommand = [process.execPath, codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userData, '--extensions-dir', extensions, workspace];
  const [command, ...args] = noJava ? withoutJava(codeServerCommand) : codeServerCommand;
  const server = spawn(command, args,
    { env: noJava ? environmentWithoutJava() : process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, STARTUP);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(READY);
    await runChecks(page, port, workspace, userData);
    keepServerLog(userData); // the whole of it, also when every check passed
    if (noJava) {
      await check('the server ran on the bundled runtime, with its AOT cache', () => checkServerLog(userData));
    }
  } catch (error) {
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0]) {
        await pages[0].screenshot({ path: join(out, 'failure.png') }).catch(() => {});
      }
    }
    try {
      keepServerLog(userData);
    } catch {
      // no output panel log was written: the failure came before the server started
    }
    throw error;
  } finally {
    if (browser) {
      await browser.close().catch(() => {});
    }
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function runChecks(page, port, workspace, userData) {
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: STARTUP });
  // The workbench is ready for keys once the Explorer lists the workspace.
  await explorerRow(page, 'broken.funnel').waitFor({ timeout: STARTUP });

  // Open broken.funnel with Quick Open, as a user would.
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await quickOpen(page, 'broken.funnel');
  const editor = page.locator('.editor-instance .monaco-editor').first();

  await check('the misspelt stage gets a red squiggle on its line', async () => {
    const started = Date.now();
    await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: FIRST_ANSWER });
    console.log(`e2e: first diagnostics after ${Date.now() - started} ms (includes starting Java)`);
    // VS Code renders spaces as non-breaking ones: match words, not the exact text.
    await squiggleOn(editor, 'error', editor.locator('.view-line', { hasText: /moves\s+to\s+Activatd\s+50%/ }));
    await page.screenshot({ path: join(out, '01-error-squiggle.png') });
  });

  await check('code lenses show the implied win probability', async () => {
    const lens = editor.locator('.codelens-decoration', { hasText: 'implied win probability' }).first();
    await lens.waitFor({ timeout: READY });
  });

  await check('the Problems panel lists the error', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: "No stage named 'Activatd'" }).first();
    await row.waitFor({ timeout: READY });
    await until('the problem suggests the stage meant', async () => {
      const text = await row.innerText();
      if (!text.includes("Did you mean 'Activated'?")) {
        throw new Error(`the problem reads: ${text}`);
      }
      return true;
    });
    await page.screenshot({ path: join(out, '02-problems-panel.png') });
  });

  await check('hovering a stage shows its win probabilities and documentation', async () => {
    await clickInText(page, editor, BROKEN, 'stage Activated');
    const token = editor.locator('.view-line span span', { hasText: /^Activated$/ }).first();
    const hover = page.locator('.monaco-hover', { hasText: 'Implied win probability' }).first();
    await showHover(page, token, hover, 'the hover over Activated shows its win probabilities');
    const text = await hover.innerText();
    for (const expected of ['Declared win probability', 'Implied win probability', 'Expected flow', 'Used the product on three different days.']) {
      if (!text.includes(expected)) {
        throw new Error(`the hover does not say '${expected}':\n${text}`);
      }
    }
    await page.screenshot({ path: join(out, '03-hover.png') });
    await page.mouse.move(10, 10);
    await hover.waitFor({ state: 'hidden', timeout: READY });
  });

  await check('the quick fix replaces the misspelt name with the suggested one', async () => {
    const typo = position(BROKEN, 'Activatd');
    await goTo(page, 'broken.funnel', typo.line, typo.column + 4);
    await applyQuickFix(page, "Change to 'Activated'",
      editor.locator('.view-line', { hasText: wholeLine(lineOf(BROKEN, 'Activatd').replace('Activatd', 'Activated')) }),
      '05-quick-fix.png');
    // The error is gone once the server has checked the fixed text.
    await editor.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: READY });
  });

  await check('go to definition on a built-in channel opens the channel library', async () => {
    await clickInText(page, editor, BROKEN, 'channels TV');
    await page.keyboard.press('F12');
    await page.locator('.tab.active', { hasText: 'builtin-channels.funnel' }).waitFor({ timeout: READY });
    const library = page.locator('.editor-instance .monaco-editor').first();
    await library.locator('.view-line', { hasText: /channel\s+TV\s+"TV"/ }).waitFor({ timeout: READY });
    await page.screenshot({ path: join(out, '06-builtin-channel-definition.png') });
    await page.keyboard.press('Control+W'); // back to broken.funnel
    await editorHasFocus(page, 'broken.funnel');
  });

  await check('completion after "moves to" offers the funnel\'s stages', async () => {
    // Start a new transition below "moves to Paid 50%".
    const paid = position(BROKEN, 'moves to Paid 50%');
    await goTo(page, 'broken.funnel', paid.line, paid.column + 'moves to Paid 50%'.length);
    await page.keyboard.press('Enter');
    await page.keyboard.type('moves to ', { delay: 30 });
    await editor.locator('.view-line', { hasText: wholeLine('moves to') }).waitFor({ timeout: READY });
    // Suggestions that popped up while typing "moves" are stale now: ask afresh, as with Ctrl+Space.
    // Now and then (seen once, 2026-12-06) the list shows only the snippet: VS Code got no stage from the
    // server (cause not proven: docs/robustness.md). A user then asks once more, and so does the test,
    // saying so in its output.
    const suggest = page.locator('.suggest-widget.visible');
    const rows = suggest.locator('.monaco-list-row');
    let labels;
    for (let attempt = 1; !labels; attempt++) {
      await page.keyboard.press('Escape');
      await suggest.waitFor({ state: 'hidden', timeout: READY });
      await page.keyboard.press('Control+Space');
      try {
        labels = await until('completion offers SignUp, Activated and Paid', async () => {
          const shown = (await rows.allInnerTexts()).join(' | ');
          const missing = ['SignUp', 'Activated', 'Paid'].filter((stage) => !shown.includes(stage));
          if (missing.length > 0) {
            throw new Error(`completion does not offer ${missing.join(', ')}: ${shown}`);
          }
          return shown;
        }, ATTEMPT);
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
        console.log(`e2e: Ctrl+Space once more (answer ${attempt}: ${error.message.split('last seen: ')[1]})`);
      }
    }
    console.log(`e2e: completion offers ${labels.replace(/\s+/g, ' ')}`);
    await page.screenshot({ path: join(out, '04-completion.png') });
    await page.keyboard.press('Escape');
    await suggest.waitFor({ state: 'hidden', timeout: READY });
  });

  await check('the kept output panel log traces the completion request and the stages in its answer', async () => {
    // What a completion without stages would be diagnosed from: the request and what the server answered.
    await until('the log has a traced completion answer naming SignUp, Activated and Paid', async () => {
      // "... [info] Received response 'textDocument/completion - (41)' in 12ms." and on the next line "Result: {...}".
      const lines = keepServerLog(userData).split('\n');
      const answers = lines.flatMap((line, i) => (/Received response 'textDocument\/completion - \(\d+\)'/.test(line) ? [lines[i + 1] ?? ''] : []));
      const withStages = answers.filter((result) => ['SignUp', 'Activated', 'Paid'].every((stage) => result.includes(`"label":"${stage}"`)));
      if (withStages.length === 0) {
        throw new Error(`${answers.length} traced completion answers, none with the stages: ${answers.map((a) => a.slice(0, 80)).join(' | ')}`);
      }
      return true;
    });
  });

  await historyChecks(page, workspace);
  await diagramChecks(page, workspace);
}

/**
 * The HubSpot example, naming its saved answers as its history (`history "history/hubspot"`, added to the workspace's
 * copy): Qualified to buy declares 66.6667% to Presentation scheduled, far outside what the deals did.
 */
const HISTORY_FUNNEL = 'hubspot-default.funnel';

function withHistory(text) {
  const named = text.replace('    crm hubspot\n', '    crm hubspot\n    history "history/hubspot"\n');
  if (named === text) {
    throw new Error(`examples/${HISTORY_FUNNEL} has no line 'crm hubspot' to name the history after`);
  }
  return named;
}

/**
 * Of the deals in the HubSpot pipeline that left a stage, how many went to another one next, counted here from the
 * saved answers as a person would (each deal's dealstage history in time order), with the 95% Wilson interval and the
 * share as the funnel writes it (whole percents for an interval this wide): what the editor must show.
 */
function observedInAnswers(folder, pipeline, from, to) {
  let exits = 0;
  let moved = 0;
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.json'))) {
    for (const deal of JSON.parse(readFileSync(join(folder, name), 'utf8')).results) {
      if (deal.properties.pipeline !== pipeline) {
        continue;
      }
      const stages = [...deal.propertiesWithHistory.dealstage].sort((a, b) => a.timestamp.localeCompare(b.timestamp)).map((e) => e.value);
      stages.forEach((stage, i) => {
        if (stage === from && i + 1 < stages.length) {
          exits++;
          moved += stages[i + 1] === to ? 1 : 0;
        }
      });
    }
  }
  const p = moved / exits;
  const z = 1.959964;
  const centre = (p + z * z / (2 * exits)) / (1 + z * z / exits);
  const half = z * Math.sqrt(p * (1 - p) / exits + z * z / (4 * exits * exits)) / (1 + z * z / exits);
  if (2 * half < 0.02) {
    throw new Error(`the interval of ${moved} of ${exits} is narrower than 2 points: the funnel writes a decimal then`);
  }
  return { exits, share: `${Math.round(100 * p)}%`,
    interval: `${Math.floor(100 * (centre - half))}–${Math.ceil(100 * (centre + half))}%` };
}

async function historyChecks(page, workspace) {
  const text = readFileSync(join(workspace, HISTORY_FUNNEL), 'utf8');
  const declared = 'moves to PresentationScheduled 66.6667%';
  const seen = observedInAnswers(join(workspace, 'history', 'hubspot'), 'default', 'qualifiedtobuy', 'presentationscheduled');
  const lens = `seen ${seen.share} (${seen.interval}, n ${seen.exits})`;
  console.log(`e2e: the saved answers say Qualified to buy → Presentation scheduled ${lens}`);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const line = editor.locator('.view-line', { hasText: wholeLine(declared) });

  await check("a share outside the funnel's history gets a warning squiggle and a problem", async () => {
    await quickOpen(page, HISTORY_FUNNEL);
    // The editor draws squiggles only on the lines in view: the cursor to the share brings it into view.
    const at = position(text, declared);
    await goTo(page, HISTORY_FUNNEL, at.line, at.column);
    // The fit runs beside the editor; the server checks the funnel again when it is done.
    await editor.locator('.squiggly-warning').first().waitFor({ state: 'attached', timeout: FIRST_ANSWER });
    await squiggleOn(editor, 'warning', line);
    const problem = page.locator('.markers-panel .monaco-list-row',
      { hasText: `Declared 66.67% is outside the share of QualifiedToBuy → PresentationScheduled in the history: ${seen.share} (${seen.interval}, n ${seen.exits}).` }).first();
    await until('the Problems panel lists the share outside the history', async () => {
      if (!(await page.locator('.markers-panel').isVisible())) {
        await page.keyboard.press('Control+Shift+M');
      }
      await problem.waitFor({ timeout: ATTEMPT });
      return true;
    });
    await page.screenshot({ path: join(out, '11-history-warning.png') });
  });

  await check('the code lens and the hover show the share seen in the history', async () => {
    const codeLens = editor.locator('.codelens-decoration', { hasText: lens }).first();
    await codeLens.waitFor({ timeout: READY });
    // Right above the line it is about.
    await until(`the code lens '${lens}' is just above '${declared}'`, async () => {
      const [above, below] = [await box(codeLens), await box(line)];
      if (!(above.y + above.height <= below.y + 1 && below.y - (above.y + above.height) < below.height)) {
        throw new Error(`the lens is at ${JSON.stringify(above)}, the line at ${JSON.stringify(below)}`);
      }
      return true;
    });
    const share = line.locator('span span', { hasText: /^66\.6667%?$/ }).first();
    const hover = page.locator('.monaco-hover', { hasText: 'In the history' }).first();
    await showHover(page, share, hover, 'the hover over 66.6667% shows the share in the history');
    const said = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const expected of ['Declared: 66.67%', `In the history: ${seen.share} (${seen.interval}, n ${seen.exits})`,
      'The declared share is outside the interval.']) {
      if (!said.includes(expected)) {
        throw new Error(`the hover does not say '${expected}': ${said}`);
      }
    }
    await page.screenshot({ path: join(out, '12-history-lens-hover.png') });
    await page.mouse.move(10, 10);
    await hover.waitFor({ state: 'hidden', timeout: READY });
  });

  await check('the quick fix writes the share seen in the history', async () => {
    const at = position(text, declared);
    await goTo(page, HISTORY_FUNNEL, at.line, at.column + 'moves to PresentationScheduled '.length + 1);
    await applyQuickFix(page, `Change to ${seen.share}, the share seen in the history`,
      editor.locator('.view-line', { hasText: wholeLine(`moves to PresentationScheduled ${seen.share}`) }), '13-history-quick-fix.png');
    await line.waitFor({ state: 'detached', timeout: READY });
  });

  await check('a file of the history deleted on disk gives new numbers, with no edit', async () => {
    // The server asked VS Code to watch the folder of answers; a batch of deals goes.
    const answers = join(workspace, 'history', 'hubspot');
    rmSync(join(answers, 'batch-read-012.json'));
    const now = observedInAnswers(answers, 'default', 'qualifiedtobuy', 'presentationscheduled');
    if (now.exits === seen.exits) {
      throw new Error(`the deleted batch held no deal that left Qualified to buy: n is ${now.exits} still`);
    }
    await editor.locator('.codelens-decoration', { hasText: `seen ${now.share} (${now.interval}, n ${now.exits})` }).first()
      .waitFor({ timeout: READY });
  });
}

/** As a user does: points at the token and waits for the hover; if none comes, moves away and points again. */
async function showHover(page, token, hover, what) {
  await until(what, async () => {
    await page.mouse.move(10, 10);
    await token.hover();
    await hover.waitFor({ timeout: ATTEMPT });
    return true;
  }, READY * 2);
}

/** Waits until a squiggle of the kind ('error', 'warning') is drawn on the editor line, under its text. */
async function squiggleOn(editor, kind, lineLocator) {
  await until(`a ${kind} squiggle is drawn on the line`, async () => {
    const line = await box(lineLocator);
    const squiggles = await editor.locator(`.squiggly-${kind}`).evaluateAll((elements) => elements.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }));
    const onLine = squiggles.some((s) => s.width > 0 && Math.abs((s.y + s.height / 2) - (line.y + line.height / 2)) <= line.height / 2
      && s.x >= line.x && s.x + s.width <= line.x + line.width);
    if (!onLine) {
      throw new Error(`the ${kind} squiggles ${JSON.stringify(squiggles)} are not on the line ${JSON.stringify(line)}`);
    }
    return true;
  });
}

/**
 * Applies the quick fix with this title at the cursor, as a user does: Ctrl+. opens the menu of quick fixes, a click
 * on the fix; a user whose menu did not open (or closed) presses Ctrl+. again. Done when `fixed` (a line) is shown.
 */
async function applyQuickFix(page, title, fixed, screenshot) {
  const menu = page.locator('.action-widget').first();
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await until(`the quick fix "${title}" is applied`, async () => {
    if (await fixed.isVisible()) {
      return true;
    }
    if (!(await menu.isVisible())) {
      await page.keyboard.press('Control+.');
    }
    await fix.waitFor({ timeout: ATTEMPT });
    await page.screenshot({ path: join(out, screenshot) });
    await fix.click({ timeout: ATTEMPT });
    await fixed.waitFor({ timeout: ATTEMPT });
    return true;
  }, READY * 2);
}

/** Line and column (1-based, as "Go to Line" takes them) of the first occurrence of a text in a file. */
function position(text, what) {
  const offset = text.indexOf(what);
  if (offset < 0) {
    throw new Error(`'${what}' is not in the file`);
  }
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The whole line of a file on which a text first occurs, without its indentation. */
function lineOf(text, what) {
  const { line } = position(text, what);
  return text.split('\n')[line - 1].trim();
}

/** Matches an editor line that holds these words and nothing else (VS Code shows spaces as non-breaking ones). */
function wholeLine(words) {
  return new RegExp(`^\\s*${words.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}\\s*$`);
}

/** The diagram panel's page: a webview is an iframe holding the extension's page in an inner iframe. */
function diagramFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

async function diagramChecks(page, workspace) {
  const b2b = readFileSync(join(workspace, 'b2b.funnel'), 'utf8');
  const frame = diagramFrame(page);
  const expected = ['Lead', 'Qualified', 'Demo', 'Proposal', 'Negotiation', 'ClosedWon', 'ClosedLost'];
  const leadToQualified = 'g.fd-transition[data-from="Lead"][data-to="Qualified"]';

  await check('"Open funnel diagram" in the editor title shows the funnel beside the editor', async () => {
    // Opened from the Explorer, as a user would.
    await explorerRow(page, 'b2b.funnel').dblclick();
    const demo = position(b2b, 'stage Demo');
    await goTo(page, 'b2b.funnel', demo.line, demo.column);
    await page.locator('.editor-actions [aria-label*="Open funnel diagram"]').first().click();
    await until(`the diagram shows the stages ${expected.join(', ')}`, async () => {
      const stages = await frame.locator('g.fd-stage').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-stage')));
      if (stages.length !== expected.length || !expected.every((name) => stages.includes(name))) {
        throw new Error(`the diagram shows the stages ${stages.join(', ')}`);
      }
      return true;
    }, FIRST_ANSWER);
    await frame.locator('g.fd-stage.fd-bottleneck[data-stage="Lead"]').waitFor({ timeout: READY });
    await page.locator('.tab', { hasText: 'Funnel: B2B new business' }).waitFor({ timeout: READY });
    // The picture follows VS Code's colour theme (the workbench has class vs-dark in a dark one).
    const dark = (await page.locator('.monaco-workbench.vs-dark, .monaco-workbench.hc-black').count()) > 0;
    const theme = await frame.locator('svg.funnel-diagram').getAttribute('data-theme');
    if (theme !== (dark ? 'dark' : 'light')) {
      throw new Error(`the diagram's theme is ${theme}, the workbench's is ${dark ? 'dark' : 'light'}`);
    }
    await page.screenshot({ path: join(out, '07-diagram.png') });
  });

  await check('the panel opens with the whole funnel fitted, every label inside its box', async () => {
    // Every stage's box lies inside the panel (before, the caret's Demo was cut off on the right).
    await until('every stage box inside the panel', async () => {
      const outside = await frame.locator('#diagram').evaluate((panel) => {
        const area = panel.getBoundingClientRect();
        return [...panel.querySelectorAll('g.fd-stage rect.fd-box')].map((box) => ({
          stage: box.parentElement.getAttribute('data-stage'), at: box.getBoundingClientRect() }))
          .filter(({ at }) => at.left < area.left - 0.5 || at.top < area.top - 0.5
            || at.right > area.right + 0.5 || at.bottom > area.bottom + 0.5)
          .map(({ stage, at }) => `${stage} at ${Math.round(at.left)},${Math.round(at.top)}-${Math.round(at.right)},${Math.round(at.bottom)}`);
      });
      if (outside.length > 0) {
        throw new Error(`boxes outside the panel: ${outside.join('; ')}`);
      }
      return true;
    });
    // The browser's own text measure, in the font it chose: each line of a box ends before the box does.
    const overflowing = await frame.locator('#picture svg').evaluate((svg) =>
      [...svg.querySelectorAll('g.fd-stage')].flatMap((group) => {
        const box = group.querySelector('rect.fd-box');
        const right = Number(box.getAttribute('x')) + Number(box.getAttribute('width'));
        return [...group.querySelectorAll('text:not(.fd-leak-text)')]
          .filter((text) => Number(text.getAttribute('x')) + text.getComputedTextLength() > right)
          .map((text) => `"${text.textContent}" (${Math.round(text.getComputedTextLength())} px) in ${group.getAttribute('data-stage')}`);
      }));
    if (overflowing.length > 0) {
      throw new Error(`labels run past their boxes: ${overflowing.join('; ')}`);
    }
  });

  await check('the wheel zooms the picture and the stage at the caret comes into view', async () => {
    const scale = async () => Number(await frame.locator('#diagram').getAttribute('data-scale'));
    const fitted = await scale();
    const panel = await frame.locator('#diagram').boundingBox();
    // Zoom in on the panel's top-left corner, where Lead is: ClosedLost goes out of view.
    await page.mouse.move(panel.x + 20, panel.y + 20);
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, -100);
    }
    await until('the picture is zoomed in', async () => {
      if (!(await scale() > fitted * 1.5)) {
        throw new Error(`the scale is ${await scale()}, fitted it was ${fitted}`);
      }
      return true;
    });
    const inView = (stage) => frame.locator('#diagram').evaluate((element, name) => {
      const area = element.getBoundingClientRect();
      const box = [...element.querySelectorAll('g.fd-stage')].find((g) => g.getAttribute('data-stage') === name)
        .querySelector('rect.fd-box').getBoundingClientRect();
      return box.left >= area.left - 0.5 && box.top >= area.top - 0.5 && box.right <= area.right + 0.5 && box.bottom <= area.bottom + 0.5;
    }, stage);
    if (await inView('ClosedLost')) {
      throw new Error('zoomed in on Lead, ClosedLost is still wholly in view: the zoom did nothing visible');
    }
    const negotiation = position(b2b, 'stage Negotiation');
    await goTo(page, 'b2b.funnel', negotiation.line, negotiation.column);
    await until('Negotiation, at the caret, is outlined and in view', async () => {
      const outlined = await frame.locator('g.fd-stage.fd-caret').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-stage')));
      if (outlined.join() !== 'Negotiation' || !(await inView('Negotiation'))) {
        throw new Error(`outlined: ${outlined.join(', ') || 'none'}; Negotiation in view: ${await inView('Negotiation')}`);
      }
      return true;
    });
    if (!(await scale() > fitted * 1.5)) {
      throw new Error(`bringing the caret's stage into view undid the zoom: ${await scale()}`);
    }
    await page.screenshot({ path: join(out, '07b-diagram-zoomed-caret.png') });
    // 0 in the panel fits the whole funnel again.
    await frame.locator('#diagram').focus();
    await frame.locator('#diagram').press('0');
    await until('the picture is fitted again', async () => {
      if (Math.abs(await scale() - fitted) > 1e-6) {
        throw new Error(`the scale is ${await scale()}, fitted it was ${fitted}`);
      }
      return true;
    });
    // Back to the text, as a user would: a click on the editor's tab (clicked again if the focus stays).
    await until('the b2b.funnel editor has the keyboard focus again', async () => {
      await page.locator('.tab', { hasText: 'b2b.funnel' }).first().click();
      return page.evaluate(() => !!(document.activeElement && document.activeElement.closest('.editor-instance .monaco-editor')));
    });
  });

  await check('changing a probability in the text changes the picture', async () => {
    const share = frame.locator(`${leadToQualified} text.fd-share`);
    await share.filter({ hasText: /^40%$/ }).waitFor({ timeout: READY });
    const widthBefore = Number(await frame.locator(`${leadToQualified} path.fd-edge`).getAttribute('stroke-width'));
    const at = position(b2b, 'moves to Qualified 40%');
    await goTo(page, 'b2b.funnel', at.line, at.column + 'moves to Qualified '.length);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await statusBar(page, new RegExp(`Ln ${at.line}, Col \\d+ \\(2 selected\\)`)).waitFor({ timeout: READY });
    await page.keyboard.type('20');
    await share.filter({ hasText: /^20%$/ }).waitFor({ timeout: READY });
    const widthAfter = Number(await frame.locator(`${leadToQualified} path.fd-edge`).getAttribute('stroke-width'));
    if (!(widthAfter < widthBefore)) {
      throw new Error(`the arrow Lead → Qualified did not get narrower: ${widthBefore} → ${widthAfter}`);
    }
    await page.screenshot({ path: join(out, '08-diagram-after-edit.png') });
  });

  await check('while the text has errors the last picture stays, with a notice', async () => {
    const editor = page.locator('.editor-instance .monaco-editor').first();
    const edited = lineOf(b2b, 'moves to Qualified 40%').replace('40%', '20%');
    await page.keyboard.press('End');
    await page.keyboard.type(' moves to');
    await editor.locator('.view-line', { hasText: wholeLine(`${edited} moves to`) }).waitFor({ timeout: READY });
    await frame.locator('#notice.shown', { hasText: 'The text has errors' }).waitFor({ timeout: READY });
    await frame.locator('g.fd-stage[data-stage="Lead"]').waitFor({ timeout: READY });
    await page.screenshot({ path: join(out, '09-diagram-with-errors.png') });
    for (let i = 0; i < ' moves to'.length; i++) {
      await page.keyboard.press('Backspace');
    }
    await editor.locator('.view-line', { hasText: wholeLine(edited) }).waitFor({ timeout: READY });
    await frame.locator('#notice.shown').waitFor({ state: 'detached', timeout: READY });
  });

  await check('clicking a stage in the picture reveals it in the text', async () => {
    const negotiation = position(b2b, 'stage Negotiation');
    await frame.locator('g.fd-stage[data-stage="Negotiation"] text.fd-label').click();
    // The stage's name is selected: "Ln 52, Col 22 (11 selected)".
    await statusBar(page, new RegExp(`Ln ${negotiation.line}, Col \\d+ \\(${'Negotiation'.length} selected\\)`))
      .waitFor({ timeout: READY });
    await page.locator('.tab.active', { hasText: 'b2b.funnel' }).waitFor({ timeout: READY });
    await page.screenshot({ path: join(out, '10-diagram-reveal.png') });
  });
}

/**
 * The command that runs `command` where no Java can be found: in a mount namespace of its own, every
 * folder the extension searches for a JDK (src/java.ts) that exists here is covered by an empty tmpfs, so
 * /usr/bin/java (a link into /usr/lib/jvm) leads nowhere too. Before code-server starts, the namespace is
 * checked: no java runs from the PATH, and the extension's own search (the bundle test:java makes of
 * src/java.ts) finds nothing.
 */
function withoutJava(command) {
  const home = homedir();
  const folders = ['/usr/lib/jvm', '/usr/java', '/opt/java', '/Library/Java/JavaVirtualMachines',
    join(home, 'Library/Java/JavaVirtualMachines'), join(home, '.sdkman/candidates/java'), join(home, '.jdks'),
    join(home, '.asdf/installs/java')];
  // The extension also looks at /opt/*jdk*, /opt/*java*, ...
  folders.push(...readdirSync('/opt').filter((name) => /jdk|java|temurin|zulu|corretto/i.test(name)).map((name) => join('/opt', name)));
  const hidden = folders.filter((folder) => existsSync(folder) && statSync(folder).isDirectory());
  const search = join(extensionDir, 'dist', 'test', 'java.js');
  if (!existsSync(search)) {
    throw new Error(`missing ${search} (npm run test:java makes it)`);
  }
  const script = `set -e
for folder in ${hidden.map((f) => `'${f}'`).join(' ')}; do mount -t tmpfs -o size=1m,mode=755 funnel-no-java "$folder"; done
if java -version >/dev/null 2>&1; then echo "e2e: a java still runs here: $(command -v java)" >&2; exit 97; fi
"$1" -e 'const s = require(process.argv[1]).findJava(""); if (s.found) { console.error("e2e: the extension still finds " + s.found.executable); process.exit(97); }' '${search}'
echo "e2e: no Java here (covered: ${hidden.join(', ')}; PATH=$PATH; JAVA_HOME=\${JAVA_HOME:-unset})" >&2
exec "$@"`;
  return ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'no-java', ...command];
}

/** This environment without JAVA_HOME and the like, and with only Node's and the system's folders on the PATH. */
function environmentWithoutJava() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(JAVA_HOME|JDK_HOME|JRE_HOME|FUNNEL_JAVA_HOME|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS)$/.test(name)) {
      delete env[name];
    }
  }
  env.PATH = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
  return env;
}

/** The extension's output panel says it used the bundled runtime, and the JVM did not refuse the AOT cache. */
function checkServerLog(userData) {
  const text = keepServerLog(userData);
  if (!/Using Java \d+ from the runtime bundled with the extension/.test(text)) {
    throw new Error(`the server did not run on the bundled runtime:\n${text}`);
  }
  for (const refused of ['Starting without the AOT cache', '[aot]', '[cds]']) {
    if (text.includes(refused)) {
      throw new Error(`the AOT cache was not used ('${refused}'):\n${text}`);
    }
  }
}

/** Copies the Funnel Language Server output panel (with the traced messages) to the test output; returns its text. */
function keepServerLog(userData) {
  const logs = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) {
        walk(file);
      } else if (name.includes('Funnel Language Server')) {
        logs.push(file);
      }
    }
  };
  walk(join(userData, 'logs'));
  if (logs.length === 0) {
    throw new Error(`no log of the Funnel Language Server output panel under ${join(userData, 'logs')}`);
  }
  const text = logs.map((file) => readFileSync(file, 'utf8')).join('\n');
  writeFileSync(join(out, 'funnel-language-server.log'), text);
  return text;
}

/** The Explorer's entry for a file of the workspace's top folder. */
function explorerRow(page, name) {
  return page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }).first();
}

/** The status bar when it shows a text (the cursor's position: "Ln 9, Col 22"). */
function statusBar(page, text) {
  return page.locator('.statusbar', { hasText: text });
}

/** Where a locator's element is on the page; throws while it is not shown. */
async function box(locator) {
  const found = await locator.boundingBox({ timeout: 1000 });
  if (!found) {
    throw new Error('not shown');
  }
  return found;
}

/**
 * Waits until `probe` returns a truthy value and returns that value: for states that a locator cannot
 * wait for by itself (positions, several values at once). A probe that throws has not seen the state yet;
 * the last thing it saw is in the message when the time is up.
 */
async function until(what, probe, timeout = READY) {
  const deadline = Date.now() + timeout;
  let seen = 'nothing';
  for (let pause = 50; ; pause = Math.min(2 * pause, 500)) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
      seen = String(value);
    } catch (error) {
      seen = error && error.message ? error.message.split('\n')[0] : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting until ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

/** Waits until the file's editor is the active one and has the keyboard focus, so that keys go to its text. */
async function editorHasFocus(page, file) {
  await page.locator('.tab.active', { hasText: file }).first().waitFor({ timeout: READY });
  await page.waitForFunction((name) => {
    const focused = document.activeElement && document.activeElement.closest('.editor-instance .monaco-editor');
    const group = focused && focused.closest('.editor-group-container');
    const tab = group && group.querySelector('.tab.active');
    return !!tab && tab.textContent.includes(name);
  }, file, { timeout: READY });
}

/** Opens a file with Quick Open (Ctrl+P): types its name, waits for it to be the first match, presses Enter. */
async function quickOpen(page, file) {
  await page.keyboard.press('Control+P');
  const input = await quickInput(page);
  await page.keyboard.type(file);
  await until(`the Quick Open box holds '${file}'`, async () => (await input.inputValue()) === file);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: file }).first().waitFor({ timeout: READY });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: READY });
  await editorHasFocus(page, file);
}

/** Waits for the quick input box (Quick Open, Go to Line) to be shown and to have the keyboard focus. */
async function quickInput(page) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: READY });
  await page.waitForFunction(() => !!document.activeElement && document.activeElement.matches('.quick-input-widget .quick-input-box input'),
    null, { timeout: READY });
  return input;
}

/**
 * Moves the cursor with "Go to Line/Column" (Ctrl+G), as a user would: in the file's editor, which has the
 * focus; Enter only once the box shows the position typed and offers to go there; done when the status bar
 * shows the cursor there and the editor has the focus back.
 */
async function goTo(page, file, line, column) {
  await editorHasFocus(page, file);
  await page.keyboard.press('Control+G');
  const input = await quickInput(page);
  // The box opens with ':' in it, ready for the position.
  await until('the "Go to Line" box holds \':\'', async () => (await input.inputValue()) === ':');
  await page.keyboard.type(`${line}:${column}`);
  await until(`the "Go to Line" box holds ':${line}:${column}'`, async () => (await input.inputValue()) === `:${line}:${column}`);
  await page.locator('.quick-input-widget', { hasText: new RegExp(`line ${line} at column ${column}\\b`, 'i') })
    .waitFor({ timeout: READY });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: READY });
  await statusBar(page, new RegExp(`Ln ${line}, Col ${column}(?!\\d)`)).waitFor({ timeout: READY });
  await editorHasFocus(page, file);
}

/**
 * Clicks into the middle of a word of the editor's text, as a user does, until the cursor is on that word's line
 * (the status bar says so). VS Code can take a click only to end a Ctrl+click link it shows under the word the
 * mouse rests on when Ctrl goes down in the editor, if Ctrl was let go elsewhere (after Ctrl+G or Ctrl+., which
 * move the focus as the key goes down): the cursor stays, and a user clicks again.
 */
async function clickInText(page, editor, text, words) {
  const at = position(text, words);
  const word = words.split(/\s+/).pop();
  const line = editor.locator('.view-line', { hasText: new RegExp(words.split(/\s+/).join('\\s+')) }).first();
  const target = line.locator('span span', { hasText: new RegExp(`^${word}$`) }).first();
  await until(`a click on '${word}' puts the cursor on line ${at.line}`, async () => {
    await target.click({ timeout: ATTEMPT });
    await statusBar(page, new RegExp(`Ln ${at.line}, Col \\d+`)).waitFor({ timeout: CLICK });
    return true;
  });
}

main().then(() => {
  console.log(results.join('\n'));
  console.log(`e2e: ${results.length} passed, 0 failed`);
  console.log(`e2e: screenshots in ${out}`);
  process.exit(0);
}, (error) => {
  console.log(results.join('\n'));
  console.error(`e2e: FAILED: ${error && error.stack ? error.stack : error}`);
  console.log(`e2e: ${results.filter((r) => r.startsWith('ok')).length} passed, ${failed ? results.filter((r) => r.startsWith('FAIL')).length : 1} failed`);
  console.log(`e2e: screenshots and code-server.log in ${out}`);
  process.exit(1);
});
