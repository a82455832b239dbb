import { describe, expect, it } from 'vitest'

import {
  compileModel,
  DEFAULT_MODEL_INPUT,
  getDefaultModel,
  parseModel,
} from '../../../src/health/index.ts'
import {
  eventFilter,
  mapEvent,
  mapEvents,
  parseEvents,
  type WebhookEvent,
} from '../../../src/server/index.ts'

const filter = eventFilter(getDefaultModel())
let nextId = 1

function event(fields: Partial<WebhookEvent> & { subscriptionType: string }): WebhookEvent {
  return { eventId: nextId++, subscriptionId: 1, portalId: 62515, occurredAt: 1_000, ...fields }
}

describe('eventFilter', () => {
  it('watches the company properties the default model reads, not its own nor the name', () => {
    const watched = filter.companyProperties
    for (const name of ['nps_score', 'renewal_date', 'csat_score', 'notes_last_contacted'])
      expect(watched.has(name)).toBe(true)
    expect(watched.has('name')).toBe(false)
    expect([...watched].filter((name) => name.startsWith('health_'))).toEqual([])
  })
})

/** A model that reads one of the app's own properties (a segment on the tier it wrote). */
function modelReadingOwnProperty() {
  const input = structuredClone(DEFAULT_MODEL_INPUT) as unknown as {
    segments: { match: { property: string; in?: string[] }[] }[]
  }
  input.segments[0]!.match = [{ property: 'health_tier', in: ['at_risk'] }]
  const parsed = parseModel(input)
  if (!parsed.success) throw new Error(parsed.issues[0]?.message)
  return compileModel(parsed.value)
}

describe('mapEvent', () => {
  it('never maps a change to a health_* property to a rescore, even one the model reads', () => {
    const own = eventFilter(modelReadingOwnProperty())
    const change = event({
      subscriptionType: 'company.propertyChange',
      objectId: 101,
      propertyName: 'health_tier',
    })
    expect(mapEvent(change, own)).toMatchObject({ kind: 'ignored' })
    expect(own.companyProperties.has('health_tier')).toBe(false)
  })

  it('maps a change to a company property the model reads to that company, legacy or generic', () => {
    const legacy = event({
      subscriptionType: 'company.propertyChange',
      objectId: 101,
      propertyName: 'nps_score',
    })
    const generic = event({
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-2',
      objectId: 102,
      propertyName: 'renewal_date',
    })
    expect(mapEvent(legacy, filter)).toEqual({ kind: 'company', companyId: '101' })
    expect(mapEvent(generic, filter)).toEqual({ kind: 'company', companyId: '102' })
  })

  it('ignores the app’s own health_* properties, so its writes cannot loop, and unread ones', () => {
    for (const propertyName of ['health_score', 'health_tier', 'health_csm_sentiment', 'health_x'])
      expect(
        mapEvent(
          event({ subscriptionType: 'company.propertyChange', objectId: 101, propertyName }),
          filter,
        ),
      ).toMatchObject({ kind: 'ignored' })
    expect(
      mapEvent(
        event({
          subscriptionType: 'company.propertyChange',
          objectId: 101,
          propertyName: 'domain',
        }),
        filter,
      ),
    ).toMatchObject({ kind: 'ignored' })
    expect(
      mapEvent(
        event({ subscriptionType: 'company.propertyChange', objectId: 101, propertyName: 'name' }),
        filter,
      ),
    ).toMatchObject({ kind: 'ignored' })
  })

  it('maps a company creation to the company', () => {
    expect(mapEvent(event({ subscriptionType: 'company.creation', objectId: 7 }), filter)).toEqual({
      kind: 'company',
      companyId: '7',
    })
  })

  it('looks up the companies of a created ticket, or one whose read property changed', () => {
    expect(
      mapEvent(event({ subscriptionType: 'ticket.creation', objectId: 9001 }), filter),
    ).toEqual({
      kind: 'lookup',
      objectType: 'tickets',
      objectId: '9001',
    })
    const stage = event({
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-5',
      objectId: 9002,
      propertyName: 'hs_pipeline_stage',
    })
    expect(mapEvent(stage, filter)).toMatchObject({ kind: 'lookup', objectId: '9002' })
    const subject = event({
      subscriptionType: 'ticket.propertyChange',
      objectId: 9002,
      propertyName: 'subject',
    })
    expect(mapEvent(subject, filter)).toMatchObject({ kind: 'ignored' })
  })

  it('looks up the companies of created calls, emails, meetings and notes', () => {
    const types = { '0-48': 'calls', '0-49': 'emails', '0-47': 'meetings', '0-46': 'notes' }
    for (const [objectTypeId, objectType] of Object.entries(types))
      expect(
        mapEvent(event({ subscriptionType: 'object.creation', objectTypeId, objectId: 5 }), filter),
      ).toEqual({ kind: 'lookup', objectType, objectId: '5' })
    expect(
      mapEvent(
        event({ subscriptionType: 'object.creation', objectTypeId: '0-27', objectId: 5 }),
        filter,
      ),
    ).toMatchObject({ kind: 'ignored' })
  })

  it('maps an association of a ticket or an activity with a company to the company, either side', () => {
    const cases: [Partial<WebhookEvent>, string][] = [
      [{ subscriptionType: 'ticket.associationChange', associationType: 'TICKET_TO_COMPANY', fromObjectId: 9001, toObjectId: 101 }, '101'],
      [{ subscriptionType: 'company.associationChange', associationType: 'COMPANY_TO_TICKET', fromObjectId: 102, toObjectId: 9001 }, '102'],
      [{ subscriptionType: 'object.associationChange', fromObjectTypeId: '0-48', toObjectTypeId: '0-2', fromObjectId: 5, toObjectId: 103 }, '103'],
      [{ subscriptionType: 'object.associationChange', fromObjectTypeId: '0-2', toObjectTypeId: '0-47', fromObjectId: 104, toObjectId: 5, associationRemoved: true }, '104'],
    ] // prettier-ignore
    for (const [fields, companyId] of cases)
      expect(mapEvent(event({ subscriptionType: '', ...fields }), filter)).toEqual({
        kind: 'company',
        companyId,
      })
  })

  it('ignores associations that do not join a company to a ticket or an activity', () => {
    const cases: Partial<WebhookEvent>[] = [
      { associationType: 'COMPANY_TO_DEAL', fromObjectId: 101, toObjectId: 1 },
      { associationType: 'COMPANY_TO_COMPANY', fromObjectId: 101, toObjectId: 102 },
      { fromObjectTypeId: '0-5', toObjectTypeId: '0-3', fromObjectId: 1, toObjectId: 2 },
      { associationType: 'TICKET_TO_COMPANY' },
    ]
    for (const fields of cases)
      expect(
        mapEvent(event({ subscriptionType: 'ticket.associationChange', ...fields }), filter),
      ).toMatchObject({ kind: 'ignored' })
  })

  it('ignores deals, contacts and unknown subscription types', () => {
    for (const subscriptionType of [
      'deal.creation',
      'contact.propertyChange',
      'company.deletion',
      'weird',
    ])
      expect(mapEvent(event({ subscriptionType, objectId: 1 }), filter)).toMatchObject({
        kind: 'ignored',
      })
  })
})

describe('mapEvents', () => {
  it('gathers one batch’s companies and its lookups by type, each once', () => {
    const { companies, lookups, targets } = mapEvents(
      [
        event({
          subscriptionType: 'company.propertyChange',
          objectId: 101,
          propertyName: 'nps_score',
        }),
        event({
          subscriptionType: 'company.propertyChange',
          objectId: 101,
          propertyName: 'csat_score',
        }),
        event({ subscriptionType: 'ticket.creation', objectId: 9001 }),
        event({ subscriptionType: 'ticket.creation', objectId: 9001 }),
        event({ subscriptionType: 'object.creation', objectTypeId: '0-49', objectId: 8 }),
        event({
          subscriptionType: 'company.propertyChange',
          objectId: 101,
          propertyName: 'health_score',
        }),
      ],
      filter,
    )
    expect([...companies]).toEqual(['101'])
    expect(lookups).toEqual(
      new Map([
        ['tickets', new Set(['9001'])],
        ['emails', new Set(['8'])],
      ]),
    )
    expect(targets.map((target) => target.kind)).toEqual([
      'company',
      'company',
      'lookup',
      'lookup',
      'lookup',
      'ignored',
    ])
  })
})

describe('parseEvents', () => {
  it('keeps the events that parse and names where the others fail, without their values', () => {
    const good = {
      eventId: 1,
      subscriptionId: 2,
      portalId: 3,
      occurredAt: 4,
      subscriptionType: 'ticket.creation',
      objectId: 5,
    }
    const { events, skipped } = parseEvents([
      good,
      { ...good, portalId: 'x@example.com' },
      'nonsense',
      null,
    ])
    expect(events).toEqual([good])
    expect(skipped).toHaveLength(3)
    expect(skipped[0]).toBe('event 1: bad or missing portalId')
    expect(skipped.join('\n')).not.toContain('example.com')
  })
})
