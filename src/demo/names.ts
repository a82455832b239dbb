import type { Rng } from './prng.ts'

const PREFIXES = (
  'Blue North Bright Silver Red Clear Green Iron Swift True Open Deep High Nova Prime Summit' +
  ' Cedar Maple Stone Sky Bold Quantum Apex Pine Golden Oak Wild Crystal Alpine Rapid Solid' +
  ' Urban Polar Vivid Lunar Solar Coral Amber Fox Hawk Eagle Orbit Pixel Vector Signal Harbor' +
  ' Granite Copper Echo Atlas Zen Kite Ember Tidal Frontier Meridian Lumen Aspen Crescent' +
  ' Falcon'
).split(' ')

const ROOTS = (
  'river peak forge field stack wave line point bridge path works gate leaf light stream' +
  ' spark core cloud logic mind port grid scale shift loop mark ridge bay rock wind view base' +
  ' hub nest lane craft flow sight trail yard well vale haven crest wing tide dale brook star' +
  ' beam'
).split(' ')

const SUFFIXES = (
  'Labs Systems Technologies Group Partners Analytics Software Health Logistics Inc Co' +
  ' Solutions Media Capital Networks Foods Energy Robotics Studio Consulting Holdings' +
  ' Industries Supply Security Bio'
).split(' ')

const TLDS = ['com', 'com', 'com', 'io', 'co', 'net', 'ai'] as const

/** A company's display name and its unique web domain. */
export interface CompanyIdentity {
  name: string
  domain: string
}

/**
 * Draws a company-like name ("Brightforge Systems") and a domain not yet in `taken`, which it adds.
 * Collisions are redrawn a few times, then resolved with a numeric suffix on the domain.
 */
export function drawCompanyIdentity(rng: Rng, taken: Set<string>): CompanyIdentity {
  let name = ''
  let stem = ''
  let tld = ''
  for (let attempt = 0; attempt < 6; attempt++) {
    const prefix = rng.pick(PREFIXES)
    const root = rng.pick(ROOTS)
    const suffix = rng.pick(SUFFIXES)
    const spaced = rng.chance(0.3)
    const word = spaced ? `${prefix} ${capitalise(root)}` : `${prefix}${root}`
    name = `${word} ${suffix}`
    stem = `${prefix}${root}`.toLowerCase() + (rng.chance(0.25) ? suffix.toLowerCase() : '')
    tld = rng.pick(TLDS)
    const domain = `${stem}.${tld}`
    if (!taken.has(domain)) {
      taken.add(domain)
      return { name, domain }
    }
  }
  for (let n = 2; ; n++) {
    const domain = `${stem}${n}.${tld}`
    if (!taken.has(domain)) {
      taken.add(domain)
      return { name, domain }
    }
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
