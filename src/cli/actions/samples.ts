/**
 * @module `health-score samples`: scores the sample companies in `examples/sample-portal.json` and
 * prints what the health score says about each, most urgent first.
 */
import { snapshotsFromFixture } from '../../demo/index.ts'
import type { HealthResult } from '../../health/index.ts'
import { scoreCompany } from '../../health/index.ts'
import type { SamplesInput } from '../commands/samples.ts'
import { readFixture } from '../read-fixture.ts'
import { renderResultTable } from '../render-table.ts'
import { toTerminalText } from '../terminal-text.ts'

const SAMPLE = new URL('../../../examples/sample-portal.json', import.meta.url)

export async function run({ flags }: SamplesInput): Promise<number> {
  const fixture = await readFixture(flags.fixture ?? SAMPLE)
  const names = new Map(
    fixture.companies.map((c) => [c.id, c.properties.name ?? `Company ${c.id}`]),
  )
  const scored: HealthResult[] = []
  const skipped: string[] = []
  for (const snapshot of snapshotsFromFixture(fixture)) {
    const result = scoreCompany(snapshot)
    if (result.success) scored.push(result.value)
    else
      skipped.push(
        `${names.get(snapshot.companyId)}: ${result.issues.map((i) => i.message).join('; ')}`,
      )
  }
  scored.sort((a, b) => b.priority - a.priority)

  const out = process.stdout
  out.write(
    `Customer health for ${scored.length} sample companies, as of ${fixture.asOf.slice(0, 10)}\n\n`,
  )
  out.write(renderResultTable(scored, names, { color: out.isTTY === true }))
  const diagnostics = scored.filter((r) => r.diagnostics.length > 0)
  if (diagnostics.length > 0) {
    out.write('\nValues read with care (typed by humans):\n')
    for (const result of diagnostics) {
      for (const d of result.diagnostics)
        out.write(
          `${toTerminalText(`  ${names.get(result.companyId)} · ${String(d.path.at(-1))}: ${d.message}`)}\n`,
        )
    }
  }
  for (const line of skipped) out.write(`\nNot scored: ${toTerminalText(line)}\n`)
  return 0
}
