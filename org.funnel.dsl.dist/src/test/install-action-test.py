"""The GitHub Action's install step (funnel-action/action.yml, install.sh) against the local release archive, no network.

    python3 install-action-test.py TARGET VERSION WORK

TARGET holds funnel-VERSION-linux-x64.tar.gz and its .sha256, as a release does; they are served by file:// URLs.
The action's install step is read from action.yml and run as the runner runs it (GITHUB_ACTION_PATH, GITHUB_PATH,
GITHUB_OUTPUT, its env: with the ${{ }} expressions filled in). Checks: the right version on the PATH, a second run
(a cache hit) downloads nothing, a checksum mismatch is refused with nothing installed, a missing release is named.
"""
import os
import re
import shutil
import subprocess
import sys

import yaml

target, version, work = sys.argv[1:4]
root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
action_dir = os.path.join(root, 'funnel-action')
archive = f'funnel-{version}-linux-x64.tar.gz'
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('install-action-test: FAILED: ' + message, file=sys.stderr)


def release(name, sha256=None):
    """A release folder with the archive and its checksum file (another checksum if given)."""
    folder = os.path.join(work, name)
    os.makedirs(folder)
    shutil.copy(os.path.join(target, archive), folder)
    with open(os.path.join(target, archive + '.sha256')) as f:
        line = f.read()
    if sha256:
        line = sha256 + line[64:]
    with open(os.path.join(folder, archive + '.sha256'), 'w') as f:
        f.write(line)
    return 'file://' + folder


def install_step():
    with open(os.path.join(action_dir, 'action.yml')) as f:
        action = yaml.safe_load(f)
    assert action['runs']['using'] == 'composite'
    steps = [s for s in action['runs']['steps'] if s.get('id') == 'install']
    assert len(steps) == 1, 'one step with id install'
    return steps[0]


def run_action(url, tool_cache):
    """The install step as the runner runs it; returns (exit code, output, PATH additions, outputs)."""
    step = install_step()
    context = {'inputs.version': version, 'inputs.repository': 'example/funnel-dsl', 'runner.tool_cache': tool_cache}

    def fill(text):
        filled = re.sub(r'\$\{\{\s*([\w.]+)\s*\}\}', lambda m: context[m.group(1)], str(text))
        assert '${{' not in filled, filled
        return filled

    # No expression may reach the script itself: inputs go through env: (docs/ci.md says why).
    check('${{' not in step['run'], 'the install step\'s script has a ${{ }} expression')
    files = {name: os.path.join(work, f'{name}.{len(os.listdir(work))}') for name in ('path', 'output')}
    for file in files.values():
        open(file, 'w').close()
    env = {'PATH': '/usr/local/bin:/usr/bin:/bin', 'HOME': work, 'FUNNEL_DOWNLOAD_URL': url,
           'GITHUB_ACTION_PATH': action_dir, 'GITHUB_PATH': files['path'], 'GITHUB_OUTPUT': files['output']}
    env.update({name: fill(value) for name, value in step.get('env', {}).items()})
    result = subprocess.run([step['shell'], '-e', '-c', step['run']], env=env, capture_output=True, text=True)
    with open(files['path']) as f:
        path = f.read().split()
    with open(files['output']) as f:
        outputs = dict(line.split('=', 1) for line in f.read().splitlines() if '=' in line)
    return result.returncode, result.stdout + result.stderr, path, outputs


def main():
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    cache = os.path.join(work, 'tool-cache')
    good = release('release')

    code, output, path, outputs = run_action(good, cache)
    installed = os.path.join(cache, 'funnel', version)
    check(code == 0, f'the install step failed ({code}): {output}')
    check(path == [os.path.join(installed, 'bin')], f'GITHUB_PATH got {path}')
    check(outputs.get('path') == os.path.join(installed, 'bin'), f'the path output was {outputs}')
    # The version on the PATH, in a shell with nothing else on it.
    on_path = subprocess.run(['bash', '-c', 'command -v funnel && funnel --version'], capture_output=True, text=True,
                             env={'PATH': ':'.join(path + ['/usr/bin', '/bin']), 'HOME': work})
    check(on_path.stdout.splitlines()[:1] == [os.path.join(installed, 'bin', 'funnel')], f'funnel on the PATH: {on_path}')
    check(re.search(rf'^funnel {re.escape(version)} \(commit [0-9a-f]{{12}}', on_path.stdout, re.M) is not None,
          f'funnel --version on the PATH said {on_path.stdout!r}')

    # A cache hit: nothing is downloaded (the address now leads nowhere), the same folder is used.
    code, output, path, _ = run_action('file://' + os.path.join(work, 'nowhere'), cache)
    check(code == 0 and path == [os.path.join(installed, 'bin')], f'the second run (cached): {code} {output}')

    # A checksum that does not match: refused, nothing installed, nothing left beside.
    bad = release('tampered', sha256='0' * 64)
    script = os.path.join(action_dir, 'install.sh')
    target_dir = os.path.join(work, 'bad', version)
    result = subprocess.run([script, version, target_dir], env={'PATH': '/usr/bin:/bin', 'FUNNEL_DOWNLOAD_URL': bad},
                            capture_output=True, text=True)
    check(result.returncode == 1, f'a checksum mismatch exited {result.returncode}')
    check(f'checksum mismatch for {archive}: expected {"0" * 64}' in result.stderr
          and 'refusing to install it' in result.stderr, f'a checksum mismatch said {result.stderr!r}')
    check(not os.path.exists(os.path.join(work, 'bad')) or os.listdir(os.path.join(work, 'bad')) == [],
          'a refused archive left files behind')

    # A version that was never released.
    result = subprocess.run([script, '0.0.1', os.path.join(work, 'none')],
                            env={'PATH': '/usr/bin:/bin', 'FUNNEL_DOWNLOAD_URL': good}, capture_output=True, text=True)
    check(result.returncode == 1 and f'no release 0.0.1 at {good}' in result.stderr, f'a missing release: {result}')

    if failures:
        sys.exit(1)
    print(f'install-action-test: passed: {version} installed from a local release onto the PATH, cached, '
          'a checksum mismatch refused, a missing release named', file=sys.stderr)


main()
