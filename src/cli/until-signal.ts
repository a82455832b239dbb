/**
 * Resolves at the first Ctrl-C (SIGINT) or SIGTERM: how `demo` and `emulator` keep serving.
 * @example
 * await untilSignal()
 * await server.close()
 */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
