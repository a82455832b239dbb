/**
 * Progress on stderr: a redrawn bar on a terminal, a plain line every tenth otherwise (CI logs).
 */
export interface Progress {
  update(done: number, total: number | null, apiCalls: number): void
  finish(): void
}

export function createProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const tty = stream.isTTY === true
  let lastTenth = -1
  let drawn = false
  return {
    update(done, total, apiCalls) {
      if (!total) return
      const share = Math.min(1, done / total)
      if (tty) {
        const width = 30
        const filled = Math.round(share * width)
        const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
        stream.write(
          `\r${label} ${bar} ${Math.round(share * 100)}%  ${done}/${total} companies · ${apiCalls} API calls`,
        )
        drawn = true
        return
      }
      const tenth = Math.floor(share * 10)
      if (tenth > lastTenth) {
        lastTenth = tenth
        stream.write(
          `${label}: ${done}/${total} companies (${tenth * 10}%), ${apiCalls} API calls\n`,
        )
      }
    },
    finish() {
      if (drawn) stream.write('\n')
    },
  }
}
