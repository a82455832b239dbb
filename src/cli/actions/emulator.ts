/**
 * @module `health-score emulator`: serves the HubSpot API emulator on loopback until Ctrl-C. The
 * portal is the demo portal (`--companies`, `--seed`) or a fixture file.
 */
import type { EmulatorInput } from '../commands/emulator.ts'
import { DEFAULTS } from '../defaults.ts'
import { demoPortalSource, fixtureFileSource, servePortal } from '../emulator-portal.ts'
import { untilSignal } from '../until-signal.ts'

/** Resolves with the exit code once the server is stopped by a signal. */
export async function run({ flags }: EmulatorInput): Promise<number> {
  const portal = await servePortal(
    flags.fixture !== undefined
      ? await fixtureFileSource(flags.fixture)
      : await demoPortalSource(flags.companies ?? DEFAULTS.companies, flags.seed ?? DEFAULTS.seed),
    {
      port: flags.port ?? DEFAULTS.port,
      rateLimit: flags.rateLimit ?? DEFAULTS.rateLimit,
      dailyLimit: flags.dailyLimit ?? DEFAULTS.dailyLimit,
      latencyMs: flags.latency,
      faults: flags.faults,
      token: flags.token,
    },
  )
  const { emulator, server } = portal
  const counts = Object.entries(emulator.store.counts()).map(([type, n]) => `${n} ${type}`)
  process.stdout.write(
    [
      `listening on ${server.url}`,
      `portal ${emulator.store.portalId}: ${portal.label}`,
      `  ${counts.join(', ')}`,
      `  token: ${portal.token}; stats: ${server.url}/__emulator/stats`,
      '',
    ].join('\n'),
  )
  await untilSignal()
  await server.close()
  return 0
}
