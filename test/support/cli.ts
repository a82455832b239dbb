/** The `health-score` command in a child process, as a user runs it, or in this process. */
import { type ChildProcess, spawn } from 'node:child_process'

import { runCli } from '../../src/cli/run-cli.ts'

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname

export interface CliOutcome {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Another user to run the CLI as (a test running as root checking what an unprivileged user meets). */
export interface CliUser {
  readonly uid: number
  readonly gid: number
}

/**
 * Starts the CLI without blocking this process (which may be serving the emulator it talks to).
 * `HUBSPOT_ACCESS_TOKEN` comes only from `env`, never from the test runner's environment.
 */
export function startCli(
  args: readonly string[],
  env: Record<string, string> = {},
  user?: CliUser,
): { child: ChildProcess; done: Promise<CliOutcome> } {
  const { HUBSPOT_ACCESS_TOKEN: _token, ...clean } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<CliOutcome>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.trim() })),
  )
  return { child, done }
}

/** Runs the CLI to the end. */
export function cli(
  args: readonly string[],
  env: Record<string, string> = {},
  user?: CliUser,
): Promise<CliOutcome> {
  return startCli(args, env, user).done
}

/**
 * Runs the command line in this process, with commander's help and every usage error captured:
 * for what never reaches an action (help, flag rules), where a process would only add start-up time.
 */
export async function cliInProcess(args: readonly string[]): Promise<CliOutcome> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    writeOut: (text) => (stdout += text),
    writeErr: (text) => (stderr += text),
  })
  return { code, stdout, stderr: stderr.trim() }
}
