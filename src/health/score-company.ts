import type { CompiledModel } from './compile-model.ts'
import { compileModel } from './compile-model.ts'
import { DEFAULT_MODEL_INPUT } from './default-model.ts'
import { formatIssues, parseModel } from './model.ts'
import { scoreSignals } from './score.ts'
import { extractSignals } from './signals.ts'
import type { CompanySnapshot, HealthResult, Result } from './types.ts'

let defaultModel: CompiledModel | undefined

/**
 * The default model, validated and compiled once.
 * @throws Error if the built-in model is invalid (a bug caught by the test suite)
 */
export function getDefaultModel(): CompiledModel {
  if (!defaultModel) {
    const parsed = parseModel(DEFAULT_MODEL_INPUT)
    if (!parsed.success)
      throw new Error(`The default model is invalid:\n${formatIssues(parsed.issues)}`)
    defaultModel = compileModel(parsed.value)
  }
  return defaultModel
}

/**
 * Extracts the signals of a snapshot and scores them: the whole engine in one call.
 * @example
 * const result = scoreCompany(snapshot)
 * if (result.success) console.log(`${result.value.score} ${result.value.tier}: ${result.value.topDriver}`)
 */
export function scoreCompany(
  snapshot: CompanySnapshot,
  model: CompiledModel = getDefaultModel(),
): Result<HealthResult> {
  return scoreSignals(extractSignals(snapshot, model), model)
}
