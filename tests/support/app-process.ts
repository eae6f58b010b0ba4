/**
 * The app as `npm start` runs it, in a child process: spawned with chosen settings, polled until ready, stopped
 * gracefully or killed. Shared by the benchmarks (memory, start-up) and the resilience suite (crash, two processes).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';

/** Asks a child to stop (a signal, or a message), then kills it if it has not exited within the grace period. */
export async function stopChild(child: ChildProcess, exited: Promise<unknown>, ask: () => unknown, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    ask();
  } catch {
    // Already gone: `exited` settles at once.
  }
  let timer: NodeJS.Timeout | undefined;
  const gone = await Promise.race([
    exited.then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (!gone) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** A port nothing listens on now, for a server process that must be polled before it can say where it listens. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** An admin key in the format BOOTSTRAP_ADMIN_KEY takes, so a spawned server can be set up through its API. */
export const bootstrapAdminKey = () =>
  `uwk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('base64url')}`;

export interface AppServerProcess {
  child: ChildProcess;
  origin: string;
  /** Its stdout, as JSON log lines, each with `performance.now()` when it arrived. */
  lines: { at: number; line: Record<string, unknown> }[];
  stderr: string[];
  exited: Promise<number | null>;
  /** SIGTERM (a graceful shutdown), then SIGKILL after the grace period. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash: no shutdown, nothing flushed); resolves when the process has exited. */
  kill(): Promise<void>;
}

/**
 * The arguments `npm start` gives node (its V8 flags, then the entry script), read from package.json so that a
 * spawned server is the one users run, flags included.
 */
export function startArguments(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const words = manifest.scripts.start.split(/\s+/).filter(Boolean);
  const node = words.indexOf('node');
  if (node === -1) throw new Error(`npm start does not run node: ${manifest.scripts.start}`);
  return words.slice(node + 1);
}

/** Only node's flags of `npm start`, for another entry file run the same way (the bench server). */
export const startNodeFlags = () => startArguments().slice(0, -1);

/**
 * The server as `npm start` runs it (bundled by scripts/start.mjs), in a process of its own with the given settings
 * on top of a small environment (no DATABASE_URL of this shell's: a caller that wants PostgreSQL passes it).
 */
export function spawnAppServer(settings: Record<string, string>): AppServerProcess {
  const environment: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) environment[name] = value;
  }
  const child = spawn(process.execPath, startArguments(), {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...environment, HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const lines: AppServerProcess['lines'] = [];
  const stderr: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const at = performance.now();
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) {
      try {
        lines.push({ at, line: JSON.parse(line) as Record<string, unknown> });
      } catch {
        lines.push({ at, line: { msg: line } });
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    origin: `http://127.0.0.1:${settings.PORT}`,
    lines,
    stderr,
    exited,
    stop: async () => {
      await stopChild(child, exited, () => child.kill('SIGTERM'));
      process.off('exit', killOnExit);
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      process.off('exit', killOnExit);
    },
  };
}

/** Resolves when GET /readyz first answers 200 (polled every `everyMs`); fails if the process exits first. */
export async function waitUntilReady(server: AppServerProcess, timeoutMs = 120_000, everyMs = 20): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`the server exited (${server.child.exitCode}): ${server.stderr.join('').slice(0, 2_000)}`);
    }
    const attempt = performance.now();
    const status = await httpStatus(`${server.origin}/readyz`);
    if (status === 200) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, attempt + everyMs - performance.now())));
  }
  throw new Error(`GET /readyz did not answer 200 within ${timeoutMs} ms`);
}

/**
 * One GET on a fresh connection, by node:http rather than fetch: undici's lazy loading and connection pool would
 * add to the first poll and keep sockets to a server that is about to be stopped.
 */
export function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = httpGet(url, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/** The resident set size of a process, in bytes, from /proc (Linux), or `ps` elsewhere. */
export function residentSetBytes(pid: number): { rss: number; peak: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
  } catch {
    const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return { rss: kib * 1024, peak: null };
  }
}
