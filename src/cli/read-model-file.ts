/** @module Reading a model file (the model format of shared/DESIGN.md) for `--model FILE`. */
import { readFile } from 'node:fs/promises'

import { type CompiledModel, compileModel, formatIssues, parseModel } from '../health/index.ts'
import { CliError } from './cli-error.ts'
import { toTerminalText } from './terminal-text.ts'

/**
 * Reads, validates and compiles a model file.
 * @throws CliError naming the file: it cannot be read, is not JSON, or is not a valid model
 * @example
 * const model = await readModelFile('model.json')
 */
export async function readModelFile(path: string): Promise<CompiledModel> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read --model ${path}: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliError(`--model ${path} is not JSON: ${toTerminalText((error as Error).message)}`)
  }
  const parsed = parseModel(json)
  if (!parsed.success)
    throw new CliError(
      `--model ${path} is not a valid model: ${toTerminalText(formatIssues(parsed.issues).replace(/\n/g, '; '))}`,
    )
  return compileModel(parsed.value)
}
