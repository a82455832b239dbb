/**
 * @module The emulator's fixture format (DESIGN.md, "Emulator fixture format"): a portal's records as
 * they are on the wire, plus the moment they describe.
 */
import { z } from 'zod'

import {
  definitionProblem,
  groupCreateSchema,
  type PropertyCreate,
  propertyCreateSchema,
  type PropertyGroupCreate,
} from './property-input.ts'
import { isRecordId, RECORD_ID_RULE } from './record-ids.ts'

/** Object types a fixture can hold, as HubSpot names them in `/crm/v3/objects/{type}`. */
export const FIXTURE_OBJECT_TYPES = [
  'companies',
  'tickets',
  'deals',
  'calls',
  'emails',
  'meetings',
  'notes',
  'tasks',
] as const

export type FixtureObjectType = (typeof FIXTURE_OBJECT_TYPES)[number]

/** Property values are strings (or null), as on the wire. */
export type PropertyValues = Record<string, string | null>

export interface HistoryEntry {
  value: string | null
  timestamp: string
  /** Who wrote it, as HubSpot reports it (`API`, `CRM_UI`, `IMPORT`, ...); defaults to `CRM_UI`. */
  sourceType?: string
}

export interface FixtureCompany {
  id: string
  properties: PropertyValues
  propertyHistory?: Record<string, HistoryEntry[]>
}

export interface FixtureRecord {
  id: string
  properties: PropertyValues
  /** Companies this record is associated with. */
  companyIds?: string[]
  propertyHistory?: Record<string, HistoryEntry[]>
}

/**
 * Custom property definitions and groups a portal has beyond HubSpot's own, per object type, in the
 * Properties API's `PropertyCreate` / `PropertyGroupCreate` shapes.
 */
export interface PropertyDeclarations {
  propertyDefinitions?: Partial<Record<FixtureObjectType, PropertyCreate[]>>
  propertyGroups?: Partial<Record<FixtureObjectType, PropertyGroupCreate[]>>
}

export interface Fixture extends PropertyDeclarations {
  portalId: number
  asOf: string
  companies: FixtureCompany[]
  tickets: FixtureRecord[]
  deals: FixtureRecord[]
  calls: FixtureRecord[]
  emails: FixtureRecord[]
  meetings: FixtureRecord[]
  notes: FixtureRecord[]
  tasks: FixtureRecord[]
}

/** Ids stay the strings they are; a JSON number is taken only while it is exact (up to 2^53). */
const idSchema = z
  .union([z.string(), z.number()])
  .transform((id, context) => {
    if (typeof id === 'number' && !Number.isSafeInteger(id))
      context.addIssue({
        code: 'custom',
        message: 'must be a string of digits: past 2^53 a JSON number is not exact',
      })
    return String(id)
  })
  .pipe(z.string().refine(isRecordId, `must be a HubSpot id: ${RECORD_ID_RULE}`))

const propertyValuesSchema = z.record(
  z.string(),
  z
    .union([z.string(), z.null(), z.number(), z.boolean()])
    .transform((v) => (v === null ? null : String(v))),
)

const isoSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' })

const historySchema = z.record(
  z.string(),
  z.array(
    z.object({
      value: z.union([z.string(), z.null()]),
      timestamp: isoSchema,
      sourceType: z.string().optional(),
    }),
  ),
)

const companySchema = z.object({
  id: idSchema,
  properties: propertyValuesSchema.default({}),
  propertyHistory: historySchema.optional(),
})

const recordSchema = z.object({
  id: idSchema,
  properties: propertyValuesSchema.default({}),
  companyIds: z.array(idSchema).optional(),
  propertyHistory: historySchema.optional(),
})

const definitionSchema = propertyCreateSchema.superRefine((input, context) => {
  const problem = definitionProblem(input)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})

const byObjectType = <T extends z.ZodType>(item: T) =>
  z.partialRecord(z.enum(FIXTURE_OBJECT_TYPES), z.array(item)).optional()

/** The fixture schema; omitted arrays are empty. Ids are unique per type; associations name companies in it. */
export const fixtureSchema: z.ZodType<Fixture, unknown> = z
  .object({
    portalId: z.number().int().positive(),
    asOf: isoSchema,
    companies: z.array(companySchema).default([]),
    tickets: z.array(recordSchema).default([]),
    deals: z.array(recordSchema).default([]),
    calls: z.array(recordSchema).default([]),
    emails: z.array(recordSchema).default([]),
    meetings: z.array(recordSchema).default([]),
    notes: z.array(recordSchema).default([]),
    tasks: z.array(recordSchema).default([]),
    propertyDefinitions: byObjectType(definitionSchema),
    propertyGroups: byObjectType(groupCreateSchema),
  })
  .superRefine((fixture, context) => {
    for (const type of FIXTURE_OBJECT_TYPES) {
      const seen = new Map<string, number>()
      fixture[type].forEach(({ id }, index) => {
        const first = seen.get(id)
        if (first === undefined) seen.set(id, index)
        else
          context.addIssue({
            code: 'custom',
            path: [type, index, 'id'],
            message: `"${id}" is used twice (also ${type}[${first}])`,
          })
      })
    }
    const companies = new Set(fixture.companies.map(({ id }) => id))
    for (const type of FIXTURE_OBJECT_TYPES) {
      if (type === 'companies') continue
      fixture[type].forEach(({ companyIds = [] }, index) => {
        companyIds.forEach((companyId, at) => {
          if (!companies.has(companyId))
            context.addIssue({
              code: 'custom',
              path: [type, index, 'companyIds', at],
              message: `company "${companyId}" is not in the fixture`,
            })
        })
      })
    }
  })

/** A portal with nothing in it yet, as of `asOf`. */
export function emptyFixture(portalId: number, asOf: string): Fixture {
  return {
    portalId,
    asOf,
    companies: [],
    tickets: [],
    deals: [],
    calls: [],
    emails: [],
    meetings: [],
    notes: [],
    tasks: [],
  }
}

/** How many problems an invalid fixture reports; a broken 100,000-company file has more. */
const MAX_PROBLEMS = 5

/**
 * Parses untrusted fixture JSON.
 * @throws Error naming every path that is wrong, e.g. `companies[12].id: "101" is used twice (also companies[3])`.
 */
export function parseFixture(input: unknown): Fixture {
  const result = fixtureSchema.safeParse(input)
  if (result.success) return result.data
  const { issues } = result.error
  const lines = issues
    .slice(0, MAX_PROBLEMS)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
  if (issues.length > MAX_PROBLEMS) lines.push(`and ${issues.length - MAX_PROBLEMS} more problems`)
  throw new Error(`Invalid fixture:\n  ${lines.join('\n  ')}`)
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key)
  return out || '(root)'
}
