/**
 * @module `health-score explain <companyId>…`: the full breakdown of one company's score, signal by
 * signal, like HubSpot's "test a record". Reads only; writes nothing.
 */
import { getDefaultModel } from '../../health/index.ts'
import { explainCompany } from '../../operations/index.ts'
import type { ExplainInput } from '../commands/explain.ts'
import { connectTarget } from '../connect.ts'
import { renderExplanation } from '../render-explanation.ts'

export async function run({ flags, args: ids }: ExplainInput): Promise<number> {
  const target = await connectTarget(flags)
  const model = getDefaultModel()
  let failed = 0
  try {
    for (const id of ids) {
      try {
        const explanation = await explainCompany({
          connection: target.connection,
          model,
          companyId: id,
        })
        process.stdout.write(
          flags.json ? `${JSON.stringify(explanation)}\n` : renderExplanation(explanation),
        )
      } catch (error) {
        failed++
        process.stderr.write(`health-score explain: ${(error as Error).message}\n`)
      }
    }
  } finally {
    await target.close()
  }
  return failed ? 1 : 0
}
