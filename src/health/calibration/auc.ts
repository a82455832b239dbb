/**
 * @module The area under the ROC curve, by ranks (Mann–Whitney U), with its curve and a bootstrap
 * confidence interval. Scores are risks: a higher score must mean a churn is more likely, so pass
 * `100 - healthScore` for health scores. An outcome of `true` is a churn.
 */
import { checkScored, checkWhole } from './check-inputs.ts'
import { seededRandom } from './seeded-random.ts'

/** One point of the ROC curve: the rates when every score ≥ `threshold` is called a churn. */
export interface RocPoint {
  /** The cut-off; null for the curve's origin, where nothing is called a churn. */
  readonly threshold: number | null
  /** False-positive rate: renewals called churn, over all renewals. */
  readonly fpr: number
  /** True-positive rate (sensitivity): churns called churn, over all churns. */
  readonly tpr: number
}

export interface RocResult {
  /** The AUC in [0, 1], or null when either outcome is absent (then `reason` says so). */
  readonly auc: number | null
  /** How many churns (positives) and renewals (negatives) the figure rests on. */
  readonly positives: number
  readonly negatives: number
  /** From (0, 0) to (1, 1), one point per distinct score, highest first; empty when `auc` is null. */
  readonly points: readonly RocPoint[]
  readonly reason: string | null
}

/**
 * The AUC by the rank method: the chance that a random churn scores above a random renewal, ties
 * counting one half (the Mann–Whitney U over positives × negatives, with mid-ranks for ties). Also
 * the ROC points, tied scores making one diagonal step.
 * @throws RangeError when the lengths differ or a score is not finite
 * @example
 * rocAuc([0.9, 0.4, 0.6, 0.1], [true, false, true, false]).auc // 1
 */
export function rocAuc(scores: readonly number[], outcomes: readonly boolean[]): RocResult {
  checkScored(scores, outcomes)
  const positives = outcomes.filter(Boolean).length
  const negatives = outcomes.length - positives
  const missing = oneClassReason(positives, negatives)
  if (missing) return { auc: null, positives, negatives, points: [], reason: missing }
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!)
  const points: RocPoint[] = [{ threshold: null, fpr: 0, tpr: 0 }]
  let tp = 0
  let fp = 0
  let area = 0
  for (let start = 0; start < order.length;) {
    const threshold = scores[order[start]!]!
    let groupTp = 0
    let groupFp = 0
    let end = start
    for (; end < order.length && scores[order[end]!] === threshold; end++) {
      if (outcomes[order[end]!]) groupTp++
      else groupFp++
    }
    // Each renewal in the group is beaten by every churn above it and ties with half of the group's.
    area += groupFp * (tp + groupTp / 2)
    tp += groupTp
    fp += groupFp
    points.push({ threshold, fpr: fp / negatives, tpr: tp / positives })
    start = end
  }
  return { auc: area / (positives * negatives), positives, negatives, points, reason: null }
}

export interface BootstrapOptions {
  /** Resamples; 1,000 by default. */
  readonly rounds?: number
  /** The PRNG seed; the same seed gives the same interval. 1 by default. */
  readonly seed?: number
}

export interface AucInterval {
  readonly auc: number | null
  /** The 2.5th and 97.5th percentiles of the resampled AUCs: a 95 % interval. */
  readonly low: number | null
  readonly high: number | null
  readonly positives: number
  readonly negatives: number
  readonly rounds: number
  readonly reason: string | null
}

/**
 * The AUC with a 95 % percentile bootstrap interval. The bootstrap is stratified: each resample
 * draws as many churns from the churns, and as many renewals from the renewals, as the data has,
 * so that no resample lacks an outcome. Each resample costs O(n) once the scores are sorted.
 * @throws RangeError when the inputs do not pair up or `rounds` is not a whole number ≥ 1
 * @example
 * const { auc, low, high } = bootstrapAuc(risks, churned, { rounds: 1000, seed: 7 })
 */
export function bootstrapAuc(
  scores: readonly number[],
  outcomes: readonly boolean[],
  options: BootstrapOptions = {},
): AucInterval {
  const rounds = options.rounds ?? 1000
  checkWhole(rounds, 'rounds', 1)
  const { auc, positives, negatives, reason } = rocAuc(scores, outcomes)
  if (auc === null) return { auc, low: null, high: null, positives, negatives, rounds, reason }

  // Sort once, ascending, and mark where each run of tied scores starts.
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!)
  const groupOf = new Int32Array(order.length)
  let groups = 0
  order.forEach((index, k) => {
    if (k > 0 && scores[index] !== scores[order[k - 1]!]) groups++
    groupOf[k] = groups
  })
  groups++
  const positiveAt = order.map((i) => outcomes[i] === true)
  const posRanks = positiveAt.flatMap((p, k) => (p ? [k] : []))
  const negRanks = positiveAt.flatMap((p, k) => (p ? [] : [k]))

  const random = seededRandom(options.seed ?? 1)
  const posCount = new Float64Array(groups)
  const negCount = new Float64Array(groups)
  const aucs: number[] = []
  for (let r = 0; r < rounds; r++) {
    posCount.fill(0)
    negCount.fill(0)
    for (let d = 0; d < positives; d++)
      posCount[groupOf[posRanks[Math.floor(random() * positives)]!]!]!++
    for (let d = 0; d < negatives; d++)
      negCount[groupOf[negRanks[Math.floor(random() * negatives)]!]!]!++
    let below = 0
    let area = 0
    for (let g = 0; g < groups; g++) {
      area += posCount[g]! * (below + negCount[g]! / 2)
      below += negCount[g]!
    }
    aucs.push(area / (positives * negatives))
  }
  aucs.sort((a, b) => a - b)
  return {
    auc,
    low: percentile(aucs, 0.025),
    high: percentile(aucs, 0.975),
    positives,
    negatives,
    rounds,
    reason: null,
  }
}

/** Why an AUC cannot be computed, or null when both outcomes are present. */
function oneClassReason(positives: number, negatives: number): string | null {
  if (positives === 0 && negatives === 0) return 'there are no outcomes'
  if (positives === 0) return 'no outcome is a churn, so there is nothing to rank'
  if (negatives === 0) return 'every outcome is a churn, so there is nothing to rank'
  return null
}

/** The `p` quantile of sorted values, interpolating between neighbours. */
function percentile(sorted: readonly number[], p: number): number {
  const at = p * (sorted.length - 1)
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo)
}
