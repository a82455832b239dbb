/** Property definitions and groups per object type: the standard set plus any created through the API. */
import { OBJECT_TYPES } from '../object-types.ts'
import type { ObjectType, PropertyDefinition, PropertyGroup, PropertyType } from '../types.ts'
import type { PropertyDeclarations } from './fixture.ts'
import { makeDefinition, STANDARD_GROUPS, standardDefinitions } from './standard-properties.ts'

/** The registry of one portal's property definitions and groups. */
export class PropertyRegistry {
  private readonly defs = new Map<ObjectType, Map<string, PropertyDefinition>>()
  private readonly groups = new Map<ObjectType, Map<string, PropertyGroup>>()

  /** @param at ISO time stamped on the standard definitions. */
  constructor(at: string) {
    for (const type of OBJECT_TYPES) {
      this.defs.set(type, new Map(standardDefinitions(type, at).map((def) => [def.name, def])))
      const standard = STANDARD_GROUPS[type]
      const groups = new Map<string, PropertyGroup>()
      groups.set(standard.name, { ...standard, displayOrder: -1, archived: false })
      this.groups.set(type, groups)
    }
  }

  /** The definition of `name` on `type`, if any. */
  get(type: ObjectType, name: string): PropertyDefinition | undefined {
    return this.defs.get(type)?.get(name)
  }

  /** Every definition of `type`. */
  list(type: ObjectType): PropertyDefinition[] {
    return [...(this.defs.get(type)?.values() ?? [])]
  }

  /** Adds a definition; returns false (and changes nothing) if the name is taken. */
  define(type: ObjectType, def: PropertyDefinition): boolean {
    const defs = this.defs.get(type)
    if (!defs || defs.has(def.name)) return false
    defs.set(def.name, def)
    return true
  }

  /**
   * Adds a portal's own groups and property definitions (a fixture's declarations), as if created
   * through the Properties API before the records were loaded.
   * @throws Error naming the declaration that clashes with a standard one or names no group.
   */
  declare(declarations: PropertyDeclarations, at: string): void {
    for (const [type, groups] of entries(declarations.propertyGroups)) {
      for (const group of groups) {
        if (
          !this.defineGroup(type, {
            ...group,
            displayOrder: group.displayOrder ?? -1,
            archived: false,
          })
        )
          throw new Error(`propertyGroups.${type}: a group named '${group.name}' already exists`)
      }
    }
    for (const [type, defs] of entries(declarations.propertyDefinitions)) {
      for (const input of defs) {
        if (!this.getGroup(type, input.groupName)) {
          throw new Error(
            `propertyDefinitions.${type}.${input.name}: group '${input.groupName}' does not exist; declare it in propertyGroups.${type}`,
          )
        }
        const options = (input.options ?? []).map((option, i) => ({
          ...option,
          displayOrder: option.displayOrder ?? i,
        }))
        const def = makeDefinition({ ...input, options, description: input.description ?? '' }, at)
        if (!this.define(type, def))
          throw new Error(
            `propertyDefinitions.${type}: '${input.name}' is already a HubSpot property`,
          )
      }
    }
  }

  /**
   * Defines a property a fixture uses without declaring it, guessing its type from a sample value
   * so that date-like values are still time-shifted.
   */
  defineInferred(
    type: ObjectType,
    name: string,
    sample: string | null,
    at: string,
  ): PropertyDefinition {
    const existing = this.get(type, name)
    if (existing) return existing
    const inferred: PropertyType =
      sample && /^\d{4}-\d{2}-\d{2}T/.test(sample)
        ? 'datetime'
        : sample && /^\d{4}-\d{2}-\d{2}$/.test(sample)
          ? 'date'
          : 'string'
    const def = makeDefinition(
      {
        name,
        label: name,
        type: inferred,
        fieldType: inferred === 'string' ? 'text' : 'date',
        groupName: STANDARD_GROUPS[type].name,
      },
      at,
    )
    this.define(type, def)
    return def
  }

  /** Replaces a definition with its updated form; returns false if there is none to update. */
  replace(type: ObjectType, def: PropertyDefinition): boolean {
    const defs = this.defs.get(type)
    if (!defs?.has(def.name)) return false
    defs.set(def.name, def)
    return true
  }

  /** The group `name` of `type`, if any. */
  getGroup(type: ObjectType, name: string): PropertyGroup | undefined {
    return this.groups.get(type)?.get(name)
  }

  /** Every group of `type`. */
  listGroups(type: ObjectType): PropertyGroup[] {
    return [...(this.groups.get(type)?.values() ?? [])]
  }

  /** Adds a group; returns false if the name is taken. */
  defineGroup(type: ObjectType, group: PropertyGroup): boolean {
    const groups = this.groups.get(type)
    if (!groups || groups.has(group.name)) return false
    groups.set(group.name, group)
    return true
  }
}

function entries<T>(byType: Partial<Record<ObjectType, T[]>> | undefined): [ObjectType, T[]][] {
  return Object.entries(byType ?? {}) as [ObjectType, T[]][]
}
