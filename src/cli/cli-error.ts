/**
 * A mistake the user can fix (a wrong flag, an unreachable API): printed as one line, no stack trace,
 * and the process exits non-zero.
 */
export class CliError extends Error {
  readonly exitCode: number

  constructor(message: string, exitCode = 2) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}
