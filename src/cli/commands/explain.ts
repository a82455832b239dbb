/**
 * @module `health-score explain <companyId>…`: the full breakdown of one company's score, signal by
 * signal, like HubSpot's "test a record". Reads only; writes nothing.
 */
import { z } from 'zod'

import { getDefaultModel } from '../../health/index.ts'
import { explainCompany } from '../../operations/index.ts'
import { CliError } from '../cli-error.ts'
import { connectTarget } from '../connect.ts'
import { parseFlags, wholeNumber } from '../parse-flags.ts'
import { renderExplanation } from '../render-explanation.ts'

const FLAGS = {
  demo: { type: 'boolean' },
  companies: { type: 'string' },
  seed: { type: 'string' },
  'base-url': { type: 'string' },
  json: { type: 'boolean' },
} as const

const schema = z.object({
  demo: z.boolean().optional(),
  companies: wholeNumber(1, 200_000).optional(),
  seed: wholeNumber(0, 2 ** 31).optional(),
  'base-url': z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  json: z.boolean().optional(),
})

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, schema, true)
  if (positionals.length === 0)
    throw new CliError('name at least one company id, e.g. health-score explain 101 --demo')
  const bad = positionals.find((id) => !/^\d+$/.test(id))
  if (bad) throw new CliError(`'${bad}' is not a company id (HubSpot ids are numbers)`)
  const target = await connectTarget(values)
  const model = getDefaultModel()
  let failed = 0
  try {
    for (const id of positionals) {
      try {
        const explanation = await explainCompany({
          connection: target.connection,
          model,
          companyId: id,
        })
        process.stdout.write(
          values.json ? `${JSON.stringify(explanation)}\n` : renderExplanation(explanation),
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
