/** Shared types of the emulator's store, handlers and options. */
import type { FixtureObjectType } from './store/fixture.ts'

/** An object type served under `/crm/v3/objects/{type}`. */
export type ObjectType = FixtureObjectType

/** Who made a write, as HubSpot reports it in `propertiesWithHistory[].sourceType`. */
export const SOURCE_TYPE = {
  api: 'API',
  crmUi: 'CRM_UI',
  import: 'IMPORT',
  calculated: 'CALCULATED',
} as const
export type SourceTypeValue = (typeof SOURCE_TYPE)[keyof typeof SOURCE_TYPE]

/** One stored value of a property's history; `timestamp` is epoch ms. */
export interface StoredHistoryEntry {
  value: string
  timestamp: number
  sourceType: string
}

/** The data types HubSpot's Properties API knows. */
export const PROPERTY_TYPES = [
  'bool',
  'date',
  'datetime',
  'enumeration',
  'number',
  'phone_number',
  'string',
] as const
export type PropertyType = (typeof PROPERTY_TYPES)[number]

/** The field types HubSpot's Properties API knows. */
export const FIELD_TYPES = [
  'booleancheckbox',
  'calculation_equation',
  'checkbox',
  'date',
  'file',
  'html',
  'number',
  'phonenumber',
  'radio',
  'select',
  'text',
  'textarea',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** Field types only HubSpot's own (calculated, read-only) properties have. */
export const CALCULATED_FIELD_TYPES = [
  'calculation_read_time',
  'calculation_rollup',
  'calculation_score',
] as const

/** Any field type a definition may report. */
export type DefinitionFieldType = FieldType | (typeof CALCULATED_FIELD_TYPES)[number]

export interface PropertyOption {
  label: string
  value: string
  displayOrder: number
  hidden: boolean
  description?: string
}

/** A property definition, shaped as `GET /crm/v3/properties/{type}/{name}` returns it. */
export interface PropertyDefinition {
  name: string
  label: string
  type: PropertyType
  fieldType: DefinitionFieldType
  description: string
  groupName: string
  options: PropertyOption[]
  displayOrder: number
  calculated: boolean
  externalOptions: boolean
  hasUniqueValue: boolean
  hidden: boolean
  hubspotDefined: boolean
  formField: boolean
  archived: boolean
  createdAt: string
  updatedAt: string
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean }
  dataSensitivity: 'non_sensitive'
}

/** A property group, as `GET /crm/v3/properties/{type}/groups` returns it. */
export interface PropertyGroup {
  name: string
  label: string
  displayOrder: number
  archived: boolean
}
