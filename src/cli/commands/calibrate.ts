/** `health-score calibrate`: backtest the model on renewal outcomes and recommend weights. */
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { checkTarget, DEMO_PORTAL_FLAGS, OUTPUT_FLAGS } from '../flag-groups.ts'
import { FLAGS } from '../flags.ts'

const flags = {
  demo: FLAGS.demo,
  ...DEMO_PORTAL_FLAGS,
  baseUrl: FLAGS.baseUrl,
  rateLimit: FLAGS.rateLimit,
  horizon: FLAGS.horizon,
  model: FLAGS.model,
  out: FLAGS.out,
  report: FLAGS.report,
  ...OUTPUT_FLAGS,
}

export type CalibrateInput = CommandInput<typeof flags>

export const calibrate = defineCommand({
  name: 'calibrate',
  summary: 'backtest the model on past renewals and recommend weights',
  description:
    `Rebuilds each company as it was --horizon days before each renewal won or lost ` +
    `(renewal deals: Existing Business, closed won or lost), scores it, and reports how well ` +
    `the scores predicted the outcome: AUC, the red band's precision, recall and lift, churn ` +
    `by tier, and the save rate. Fits weights to the outcomes (held-out folds) and, with ` +
    `--out, writes them as a new model version when they beat the current model. --report ` +
    `writes the backtest as one HTML page, its charts inline: the ROC curves, churn by tier, ` +
    `the weights and the save rate. Reads only; writes nothing to the portal. The token comes ` +
    `from HUBSPOT_ACCESS_TOKEN.`,
  flags,
  check: checkTarget,
  examples: [
    'health-score calibrate --demo',
    'health-score calibrate --demo --report report.html',
    'health-score calibrate --horizon 180 --out model.json',
    'health-score calibrate --demo --seed 2 --model model.json --json',
  ],
  load: () => import('../actions/calibrate.ts'),
})
