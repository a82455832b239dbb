/**
 * Loading a portal: fixture records into fresh tables, their properties declared or inferred, their
 * associations linked, and every time shifted so that the fixture's `asOf` lands on "now". What
 * HubSpot could never hold is refused, whether or not the fixture went through `parseFixture`: an id
 * that is not one, an id used twice within a type, a record associated with a company not there;
 * each with an Error `fixture: ...` naming the type and the id.
 */
import { OBJECT_TYPES } from '../object-types.ts'
import { type ObjectType, SOURCE_TYPE } from '../types.ts'
import { AssociationStore } from './association-store.ts'
import type { Fixture, FixtureRecord, PropertyDeclarations } from './fixture.ts'
import { loadHistory } from './fixture-time.ts'
import type { PortalState, StreamedFixture } from './portal-store.ts'
import { PropertyRegistry } from './property-registry.ts'
import { isRecordId, RECORD_ID_RULE } from './record-ids.ts'
import { RecordTable, type WriteContext } from './record-table.ts'

/** Inserts fixture records into fresh tables, defining unknown properties and shifting times. */
class PortalLoader {
  readonly properties: PropertyRegistry
  readonly associations = new AssociationStore()
  readonly tables = new Map<ObjectType, RecordTable>()
  private readonly context: WriteContext
  private readonly at: string

  constructor(
    private readonly now: number,
    asOf: string,
    declarations: PropertyDeclarations,
  ) {
    this.at = new Date(now).toISOString()
    this.properties = new PropertyRegistry(this.at)
    this.properties.declare(declarations, this.at)
    this.context = { at: now, sourceType: SOURCE_TYPE.import, shiftMs: now - Date.parse(asOf) }
    for (const type of OBJECT_TYPES) {
      this.tables.set(
        type,
        new RecordTable(type, (name) => {
          const def = this.properties.get(type, name)
          return def?.type === 'datetime' || def?.type === 'date' ? def.type : 'string'
        }),
      )
    }
  }

  table(type: ObjectType): RecordTable {
    return this.tables.get(type) as RecordTable
  }

  insert(type: ObjectType, record: FixtureRecord): number {
    if (typeof record.id !== 'string' || !isRecordId(record.id))
      throw new Error(
        `fixture: ${type} id ${JSON.stringify(record.id)} is not an id (${RECORD_ID_RULE})`,
      )
    const { properties } = this
    for (const name in record.properties) {
      if (!properties.get(type, name))
        properties.defineInferred(type, name, record.properties[name] ?? null, this.at)
    }
    const table = this.table(type)
    const row = table.insert(record.id, record.properties, this.context)
    if (record.propertyHistory)
      loadHistory(table, row, record.propertyHistory, properties, this.context.shiftMs ?? 0)
    return row
  }

  /** Ends loading `type`: its ids sorted, and none of them used twice. */
  seal(type: ObjectType): void {
    const table = this.table(type)
    table.finishLoading()
    const duplicate = table.duplicateId()
    if (duplicate !== null) throw new Error(`fixture: ${type} id "${duplicate}" is used twice`)
  }

  finish(portalId: number): PortalState {
    for (const type of this.tables.keys()) this.seal(type)
    return {
      portalId,
      properties: this.properties,
      associations: this.associations,
      tables: this.tables,
    }
  }
}

/** Loads a whole fixture. */
export function loadPortal(fixture: Fixture, now: number): PortalState {
  const loader = new PortalLoader(now, fixture.asOf, fixture)
  for (const type of OBJECT_TYPES) {
    const records: readonly FixtureRecord[] = fixture[type]
    for (const record of records) loader.insert(type, record)
    loader.seal(type)
    if (type !== 'companies') linkCompanies(type, records, loader.tables, loader.associations)
  }
  return loader.finish(fixture.portalId)
}

/** Loads a streamed portal, company by company. */
export function loadStreamed(source: StreamedFixture, now: number): PortalState {
  const loader = new PortalLoader(now, source.asOf, source)
  const deferred: { type: ObjectType; row: number; companyId: string }[] = []
  for (const bundle of source.bundles()) {
    const companyRow = loader.insert('companies', bundle.company)
    for (const type of OBJECT_TYPES) {
      if (type === 'companies') continue
      for (const record of bundle[type] ?? []) {
        const row = loader.insert(type, record)
        for (const companyId of new Set(record.companyIds ?? [])) {
          if (companyId === bundle.company.id)
            loader.associations.link('companies', companyRow, type, row, false)
          else deferred.push({ type, row, companyId })
        }
      }
    }
  }
  const state = loader.finish(source.portalId)
  const companies = loader.table('companies')
  for (const { type, row, companyId } of deferred) {
    state.associations.link(
      'companies',
      companyRowOf(companies, loader.table(type), row, companyId),
      type,
      row,
    )
  }
  return state
}

function linkCompanies(
  type: ObjectType,
  records: readonly FixtureRecord[],
  tables: Map<ObjectType, RecordTable>,
  associations: AssociationStore,
): void {
  const companies = tables.get('companies') as RecordTable
  const table = tables.get(type) as RecordTable
  for (const record of records) {
    if (!record.companyIds?.length) continue
    const row = table.rowOf(record.id)
    for (const companyId of new Set(record.companyIds)) {
      associations.link(
        'companies',
        companyRowOf(companies, table, row, companyId),
        type,
        row,
        false,
      )
    }
  }
}

/** The row of the company a record names, which must be in the portal. */
function companyRowOf(
  companies: RecordTable,
  records: RecordTable,
  row: number,
  companyId: string,
): number {
  const companyRow = companies.rowOf(companyId)
  if (companyRow >= 0) return companyRow
  throw new Error(
    `fixture: ${records.type} id "${records.idOf(row)}" names company ${JSON.stringify(companyId)}, which the fixture does not have`,
  )
}
