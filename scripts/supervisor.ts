/**
 * Runs the product's processes as supervised children: prefixed logs, readiness
 * from a JSON line or an HTTP probe, and an orderly stop (reverse order, SIGTERM,
 * then SIGKILL after a grace period).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = [36, 35, 33, 32, 34, 31, 96, 95];

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Resolve readiness when a stdout line parses as JSON containing this key. */
  readyJsonKey?: string;
  /** Or when a stdout JSON line satisfies this (e.g. a pino log message). */
  readyWhen?: (line: Record<string, unknown>) => boolean;
  /** Or when this URL answers 2xx. */
  readyUrl?: string;
  readyTimeoutMs?: number;
}

interface Running {
  spec: ChildSpec;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

export class Supervisor {
  private children: Running[] = [];
  private stopping = false;
  private colorIndex = 0;
  onUnexpectedExit?: (name: string, code: number | null) => void;

  constructor(private readonly opts: { cwd: string; quiet?: boolean; log?: (line: string) => void }) {
    // Children run in their own process groups (see start()), so a Ctrl-C reaches only
    // the supervisor, which stops them in order. Should the supervisor itself die
    // without that orderly stop, it still takes its children with it.
    process.once('exit', () => {
      for (const c of this.children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGTERM');
    });
  }

  private print(line: string) {
    (this.opts.log ?? ((l: string) => process.stdout.write(l + '\n')))(line);
  }

  async start(spec: ChildSpec): Promise<Record<string, unknown>> {
    const color = COLORS[this.colorIndex++ % COLORS.length];
    const prefix = process.stdout.isTTY ? `\x1b[${color}m[${spec.name}]\x1b[0m` : `[${spec.name}]`;
    const proc = spawn(spec.command, spec.args, {
      cwd: spec.cwd ?? this.opts.cwd,
      env: { ...process.env, ...spec.env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: the terminal's Ctrl-C must not stop the database before
      // the scheduler and the API have finished with it.
      detached: true,
    });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    const running: Running = { spec, proc, exited };
    this.children.push(running);

    let readyResolve: (v: Record<string, unknown>) => void = () => {};
    let readyReject: (e: Error) => void = () => {};
    const ready = new Promise<Record<string, unknown>>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    let isReady = false;
    const lastLines: string[] = [];

    const onLine = (line: string) => {
      lastLines.push(line);
      if (lastLines.length > 20) lastLines.shift();
      if (!this.opts.quiet) this.print(`${prefix} ${line}`);
      if (!isReady && (spec.readyJsonKey || spec.readyWhen) && line.startsWith('{')) {
        try {
          const obj = JSON.parse(line) as Record<string, unknown>;
          if ((spec.readyJsonKey && spec.readyJsonKey in obj) || spec.readyWhen?.(obj)) {
            isReady = true;
            readyResolve(obj);
          }
        } catch {
          /* not the readiness line */
        }
      }
    };
    createInterface({ input: proc.stdout! }).on('line', onLine);
    createInterface({ input: proc.stderr! }).on('line', onLine);

    void exited.then((code) => {
      if (!isReady) {
        // The child's own last line is the reason (processes fail with one line).
        const reason = lastLines.at(-1)?.replace(/^\S+: /, '') ?? `exited with code ${code}`;
        readyReject(new Error(`${spec.name}: ${reason}`));
      } else if (!this.stopping) {
        this.print(`${prefix} exited unexpectedly with code ${code}`);
        this.onUnexpectedExit?.(spec.name, code);
      }
    });

    if (spec.readyUrl) {
      const url = spec.readyUrl;
      void (async () => {
        const deadline = Date.now() + (spec.readyTimeoutMs ?? 120_000);
        while (!isReady && Date.now() < deadline && proc.exitCode === null) {
          try {
            const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
            if (res.ok) {
              isReady = true;
              readyResolve({ url });
              return;
            }
          } catch {
            /* not up yet */
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
    }
    const timeoutMs = spec.readyTimeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      if (!isReady) readyReject(new Error(`${spec.name} was not ready within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    try {
      return await ready;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Run a command to completion (migrations, seed) with prefixed output. */
  async runOnce(spec: ChildSpec): Promise<string> {
    const proc = spawn(spec.command, spec.args, {
      cwd: spec.cwd ?? this.opts.cwd,
      env: { ...process.env, ...spec.env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    const onLine = (line: string) => {
      out.push(line);
      if (!this.opts.quiet) this.print(`[${spec.name}] ${line}`);
    };
    createInterface({ input: proc.stdout! }).on('line', onLine);
    createInterface({ input: proc.stderr! }).on('line', onLine);
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    if (code !== 0) throw new Error(`${spec.name} failed: ${out.at(-1) ?? `exit code ${code}`}`);
    return out.join('\n');
  }

  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) {
      if (child.proc.exitCode !== null || child.proc.signalCode !== null) continue;
      child.proc.kill('SIGTERM');
      const killer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
      await child.exited;
      clearTimeout(killer);
    }
    this.children = [];
  }
}
