// `npm start` and `npm run dev` serve the app with Vite; stopping npm stops Vite. npm runs a script
// through `sh -c`, and a signal npm passes on (an IDE's stop button, `kill`, a process manager — not
// only a terminal's Ctrl+C, which reaches every process) stops at that shell unless the script `exec`s
// Vite. Here npm alone gets the signal, and the port it served must close.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
    s.on('error', fail);
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('npm scripts that serve the app', { timeout: 120_000 }, () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`npm run dev: ${signal} to npm alone stops Vite`, async () => {
      const port = await freePort();
      // Its own process group, so that the clean-up below can end whatever is left, by the group's id.
      const npm = spawn('npm', ['run', 'dev', '--', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
        cwd: ROOT,
        detached: true,
        stdio: 'ignore',
      });
      try {
        await until(() => accepts(port), `Vite serves on port ${port}`);
        npm.kill(signal);
        await until(async () => !(await accepts(port)), 'Vite has stopped');
      } finally {
        try {
          process.kill(-npm.pid!, 'SIGKILL');
        } catch {
          // the group is gone already: nothing was left running
        }
      }
    });
  }

  it('npm start installs, then hands over to npm run dev (so the same holds)', () => {
    const { scripts } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toMatch(/&& exec npm run dev --$/);
    expect(scripts.dev).toMatch(/^exec vite\b/);
    expect(scripts.preview).toMatch(/^exec vite preview\b/);
  });
});
