/**
 * @module `health-score calibrate`: backtest a model on the portal's renewal outcomes, recommend
 * weights, and with `--out` write them as a new model version when they beat the current model.
 * Reads the portal only.
 */
import { writeFile } from 'node:fs/promises'

import { getDefaultModel } from '../../health/index.ts'
import { calibrate, type CalibrationReport } from '../../operations/index.ts'
import { renderCalibrationHtml } from '../calibration-html/index.ts'
import { CliError } from '../cli-error.ts'
import type { CalibrateInput } from '../commands/calibrate.ts'
import { connectTarget } from '../connect.ts'
import { readModelFile } from '../read-model-file.ts'
import { renderCalibration } from '../render-calibration.ts'

export async function run({ flags }: CalibrateInput): Promise<number> {
  const model = flags.model === undefined ? getDefaultModel() : await readModelFile(flags.model)
  const target = await connectTarget(flags)
  let report: CalibrationReport
  try {
    report = await calibrate({
      connection: target.connection,
      model,
      horizonDays: flags.horizon ?? 90,
    })
  } catch (error) {
    throw new CliError((error as Error).message, 1)
  } finally {
    await target.close()
  }
  let written = false
  if (flags.out !== undefined && report.proposed && report.recommendedModel) {
    try {
      await writeFile(flags.out, `${JSON.stringify(report.recommendedModel, null, 2)}\n`)
    } catch (error) {
      throw new CliError(`cannot write --out ${flags.out}: ${(error as Error).message}`, 1)
    }
    written = true
  }
  if (flags.report !== undefined) {
    const html = renderCalibrationHtml(report, {
      portal: target.label,
      model: model.model,
      generatedAt: Date.now(),
    })
    try {
      await writeFile(flags.report, html)
    } catch (error) {
      throw new CliError(`cannot write --report ${flags.report}: ${(error as Error).message}`, 1)
    }
  }
  if (flags.json) {
    const { recommendedModel, charts: _charts, ...rest } = report
    process.stdout.write(
      `${JSON.stringify({ ...rest, recommendedVersion: recommendedModel?.version ?? null, written })}\n`,
    )
  } else {
    const out = flags.out === undefined ? null : { path: flags.out, written }
    process.stdout.write(renderCalibration(report, target.label, out))
    if (flags.report !== undefined) process.stdout.write(`Wrote the report to ${flags.report}.\n`)
  }
  return 0
}
