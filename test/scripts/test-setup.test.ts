// scripts/test-setup.sh (npm test's "pretest") against a fake PATH: stub `id`, `apt-get`, `sudo` and
// `python3` record how they were called, so the test sees which packages it installs, as whom, and what
// it tells a user it cannot install for.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(__dirname, '../../scripts/test-setup.sh');

let bin: string;
let log: string;

function stub(name: string, body: string): void {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A machine: who runs, whether sudo asks a password, and what is installed already. */
function machine({
  uid,
  sudo,
  chromium,
  numpy,
  aptInstalls = true,
}: {
  uid: number;
  sudo: 'none' | 'password' | 'nopasswd';
  chromium: boolean;
  numpy: boolean;
  aptInstalls?: boolean;
}): void {
  stub('id', `[ "$1" = -u ] && echo ${uid}`);
  if (chromium) stub('chromium', 'exit 0');
  stub('python3', numpy ? 'exit 0' : 'exit 1');
  // apt-get records its arguments and DEBIAN_FRONTEND; "installing" chromium puts a chromium on PATH.
  stub(
    'apt-get',
    [
      `echo "apt-get $* [DEBIAN_FRONTEND=$DEBIAN_FRONTEND]" >> ${log}`,
      aptInstalls
        ? `for a in "$@"; do [ "$a" = chromium ] && printf '#!/bin/bash\\nexit 0\\n' > ${bin}/chromium && ` +
          `/bin/chmod +x ${bin}/chromium; done`
        : '',
      aptInstalls
        ? `for a in "$@"; do [ "$a" = python3-numpy ] && printf '#!/bin/bash\\nexit 0\\n' > ${bin}/python3; done`
        : '',
      'exit 0',
    ].join('\n'),
  );
  if (sudo === 'password') stub('sudo', `echo "sudo $*" >> ${log}; exit 1`);
  if (sudo === 'nopasswd') {
    // sudo -n [VAR=value…] command…: run it with the variables set, as sudo does.
    stub(
      'sudo',
      `echo "sudo $*" >> ${log}; [ "$1" = -n ] && shift; while [[ "$1" == *=* ]]; do export "$1"; shift; done; [ ` +
        `"$1" = true ] && exit 0; exec "$@"`,
    );
  }
}

function run(): { status: number | null; stdout: string; stderr: string; calls: string[] } {
  const r = spawnSync('/bin/bash', [SCRIPT], { env: { PATH: bin }, encoding: 'utf8' });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'kiroku-setup-'));
  log = join(bin, 'calls.log');
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

describe('npm test installs what its tests need', () => {
  it('as root, installs the missing chromium with apt-get (after an update) and says so in one line', () => {
    machine({ uid: 0, sudo: 'none', chromium: false, numpy: true });
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Installing Debian's chromium for the tests/)]);
    expect(r.calls).toEqual([
      'apt-get update -qq [DEBIAN_FRONTEND=noninteractive]',
      'apt-get install -y -qq chromium [DEBIAN_FRONTEND=noninteractive]',
    ]);
  });

  it('as root, installs chromium and the Python packages together when both are missing', () => {
    machine({ uid: 0, sudo: 'none', chromium: false, numpy: false });
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Installing Debian's chromium python3-numpy python3-yaml python3-packaging");
    expect(r.calls.at(-1)).toBe(
      'apt-get install -y -qq chromium python3-numpy python3-yaml python3-packaging [DEBIAN_FRONTEND=noninteractive]',
    );
  });

  it('not root and sudo wants a password: installs nothing and prints the exact command', () => {
    machine({ uid: 1000, sudo: 'password', chromium: false, numpy: true });
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('    sudo apt-get update && sudo apt-get install -y chromium\n');
    expect(r.calls.filter((c) => c.startsWith('apt-get'))).toEqual([]);
  });

  it('not root without sudo at all: prints the command too', () => {
    machine({ uid: 1000, sudo: 'none', chromium: true, numpy: false });
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'sudo apt-get update && sudo apt-get install -y python3-numpy python3-yaml python3-packaging',
    );
    expect(r.calls).toEqual([]);
  });

  it('not root with password-less sudo: installs through sudo', () => {
    machine({ uid: 1000, sudo: 'nopasswd', chromium: false, numpy: true });
    const r = run();
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'sudo -n true',
      'sudo -n DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'apt-get update -qq [DEBIAN_FRONTEND=noninteractive]',
      'sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      'apt-get install -y -qq chromium [DEBIAN_FRONTEND=noninteractive]',
    ]);
  });

  it('does nothing, silently, when everything is there', () => {
    machine({ uid: 0, sudo: 'none', chromium: true, numpy: true });
    const r = run();
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '', calls: [] });
  });

  it('fails saying so when apt-get ran but the browser is still missing', () => {
    machine({ uid: 0, sudo: 'none', chromium: false, numpy: true, aptInstalls: false });
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('chromium is still not usable');
  });

  it('accepts a browser named by CHROMIUM_PATH', () => {
    machine({ uid: 0, sudo: 'none', chromium: false, numpy: true });
    stub('my-chrome', 'exit 0');
    const r = spawnSync('/bin/bash', [SCRIPT], {
      env: { PATH: bin, CHROMIUM_PATH: join(bin, 'my-chrome') },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(existsSync(log)).toBe(false);
  });
});
