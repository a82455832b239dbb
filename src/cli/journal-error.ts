/**
 * @module The one place where what the file system and SQLite say about the data directory becomes
 * one line a person can act on: the path, the problem, what to do.
 */

/** A data directory or journal file that cannot be used: its message is the whole story. */
export class JournalError extends Error {
  /** The file or folder at fault. */
  readonly path: string

  constructor(path: string, problem: string, cause: unknown) {
    super(`--data-dir: ${path} ${problem}`, { cause })
    this.name = 'JournalError'
    this.path = path
  }
}

/** Problems by the `code` Node (errno) or better-sqlite3 (SQLite result code) gives them. */
const PROBLEMS: Record<string, string> = {
  ENOTDIR: 'is (or lies under) a file, not a directory: pick a folder',
  EEXIST: 'is a file, not a directory: pick a folder',
  EACCES:
    'is not writable (permission denied): pick a folder you can write, or fix its permissions',
  EPERM: 'is not writable (operation not permitted): pick a folder you can write',
  EROFS: 'is on a read-only file system: pick a writable folder',
  ENOSPC: 'has no space left on its device',
  SQLITE_NOTADB:
    'is not a SQLite database (corrupt, or another file): move it aside and run again to start a fresh journal',
  SQLITE_CORRUPT:
    'is corrupt: move it aside and run again to start a fresh journal (a stopped run then starts over)',
  SQLITE_READONLY: 'is read-only: make it writable, or pick another --data-dir',
  SQLITE_READONLY_DIRECTORY: 'lies in a read-only folder: pick a writable --data-dir',
  SQLITE_CANTOPEN: 'cannot be opened: check the folder exists and is writable',
  SQLITE_FULL: 'cannot grow: the disk is full',
  SQLITE_BUSY: 'is locked by another process for too long: run again in a moment',
  SQLITE_IOERR: 'could not be read or written (I/O error): check the disk',
}

/**
 * The `JournalError` for a failure of the journal at `path`, or null for an error that is not about
 * the file (a bug: let it surface as itself).
 * @example
 * try { mkdirSync(dir) } catch (error) { throw journalError(error, dir) ?? error }
 */
export function journalError(error: unknown, path: string): JournalError | null {
  if (error instanceof JournalError) return error
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  const problem =
    PROBLEMS[code] ??
    PROBLEMS[code.split('_').slice(0, 2).join('_')] ??
    (code.startsWith('SQLITE_') ? `failed (${code}): ${String((error as Error).message)}` : null)
  return problem ? new JournalError(path, problem, error) : null
}
