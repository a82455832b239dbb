/**
 * @module `health-score portfolio`: the portfolio view read from HubSpot (`readPortfolio`), in words
 * or as the `--json` contract. On `--demo` the generated portal has never been scored: its past
 * weeks are replayed into it (`seedDemoPast`) and it is rescored before the view is read.
 */
import { getDefaultModel } from '../../health/index.ts'
import { HubSpotApiError } from '../../hubspot/index.ts'
import { MissingSchemaError, type PortfolioView, readPortfolio } from '../../operations/index.ts'
import { CliError } from '../cli-error.ts'
import type { PortfolioInput } from '../commands/portfolio.ts'
import { connectTarget } from '../connect.ts'
import { seedDemoPast } from '../demo-past.ts'
import { renderPortfolio, toPortfolioJson } from '../render-portfolio.ts'
import { rescoreTarget } from '../rescore-target.ts'

/** The demo portal's past replayed before it is scored now: weekly for 12 weeks, 8 months in all. */
const DEMO_PAST = { weeks: 12, months: 8 } as const

export async function run({ flags }: PortfolioInput): Promise<number> {
  const json = flags.json === true
  const model = getDefaultModel()
  const target = await connectTarget(flags)
  let view: PortfolioView
  try {
    if (target.demo) {
      if (!json)
        process.stderr.write(
          `The demo portal has never been scored: replaying its past scores (weekly for ${DEMO_PAST.weeks} weeks, ${DEMO_PAST.months} months in all) from its history, then scoring it now…\n`,
        )
      await seedDemoPast(target, model, DEMO_PAST)
      await rescoreTarget(target, { progress: !json, logLevel: flags.logLevel })
    }
    view = await readPortfolio({ connection: target.connection, model })
  } catch (error) {
    if (error instanceof MissingSchemaError)
      throw new CliError(
        `${target.label} has no health scores yet: score it first (health-score score)`,
        1,
      )
    if (error instanceof HubSpotApiError) throw new CliError(error.message, 1)
    throw error
  } finally {
    await target.close()
  }
  process.stdout.write(
    json ? `${JSON.stringify(toPortfolioJson(view))}\n` : renderPortfolio(view, target.label),
  )
  return 0
}
