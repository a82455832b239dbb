/**
 * Property definitions as clients send them: `PropertyCreate` and `PropertyGroupCreate`, checked
 * the way HubSpot checks them. Shared by the Properties API and fixtures that declare properties.
 */
import { z } from 'zod'

import { FIELD_TYPES, PROPERTY_TYPES, type PropertyType } from '../types.ts'

/** The field types each data type may be shown with. */
export const VALID_FIELD_TYPES: Record<PropertyType, readonly string[]> = {
  bool: ['booleancheckbox', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
  phone_number: ['phonenumber'],
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
}

const internalName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*$/,
    'must start with a letter and hold only lowercase letters, digits and _',
  )

/** `PropertyCreate`, before the pairing rules. */
export const propertyCreateSchema = z.object({
  name: internalName,
  label: z.string().min(1),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.enum(FIELD_TYPES),
  groupName: z.string().min(1),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  options: z
    .array(
      z.object({
        label: z.string(),
        value: z.string(),
        hidden: z.boolean().default(false),
        displayOrder: z.number().int().optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
})
export type PropertyCreate = z.infer<typeof propertyCreateSchema>

/** `PropertyGroupCreate`. */
export const groupCreateSchema = z.object({
  name: internalName,
  label: z.string().min(1),
  displayOrder: z.number().int().default(-1),
})
export type PropertyGroupCreate = z.infer<typeof groupCreateSchema>

/**
 * What is wrong with a definition's type/fieldType pair or its options, HubSpot's way; undefined
 * when nothing is.
 */
export function definitionProblem(input: {
  name: string
  type: PropertyType
  fieldType: string
  options?: readonly unknown[]
}): string | undefined {
  if (!VALID_FIELD_TYPES[input.type].includes(input.fieldType))
    return `fieldType ${input.fieldType} is not valid for a property of type ${input.type}`
  if (
    input.type === 'enumeration' &&
    input.fieldType !== 'booleancheckbox' &&
    !input.options?.length
  )
    return `Enumeration property ${input.name} needs at least one option`
  return undefined
}
