/** `GET /crm/v3/pipelines/{tickets|deals}`: the portal's default pipelines and their stages. */
import type { HttpHandler } from 'msw'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { jsonResponse } from '../http/hubspot-error.ts'
import { invalid } from '../http/request-input.ts'
import { route, type RouteContext } from '../http/route.ts'
import { OBJECT_SCOPES } from '../object-types.ts'

type StageSpec = [id: string, label: string, metadata: Record<string, string>]

const PIPELINES: Record<'tickets' | 'deals', { id: string; label: string; stages: StageSpec[] }> = {
  tickets: {
    id: '0',
    label: 'Support Pipeline',
    stages: [
      ['1', 'New', { ticketState: 'OPEN', isClosed: 'false' }],
      ['2', 'Waiting on contact', { ticketState: 'OPEN', isClosed: 'false' }],
      ['3', 'Waiting on us', { ticketState: 'OPEN', isClosed: 'false' }],
      ['4', 'Closed', { ticketState: 'CLOSED', isClosed: 'true' }],
    ],
  },
  deals: {
    id: 'default',
    label: 'Sales Pipeline',
    stages: [
      ['appointmentscheduled', 'Appointment Scheduled', { isClosed: 'false', probability: '0.2' }],
      ['qualifiedtobuy', 'Qualified To Buy', { isClosed: 'false', probability: '0.4' }],
      [
        'presentationscheduled',
        'Presentation Scheduled',
        { isClosed: 'false', probability: '0.6' },
      ],
      [
        'decisionmakerboughtin',
        'Decision Maker Bought-In',
        { isClosed: 'false', probability: '0.8' },
      ],
      ['contractsent', 'Contract Sent', { isClosed: 'false', probability: '0.9' }],
      ['closedwon', 'Closed Won', { isClosed: 'true', probability: '1.0' }],
      ['closedlost', 'Closed Lost', { isClosed: 'true', probability: '0.0' }],
    ],
  },
}

/** The pipelines handler. */
export function pipelineHandlers(context: EmulatorContext): HttpHandler[] {
  async function listPipelines({
    params,
  }: RouteContext<{ objectType: string }>): Promise<Response> {
    const type = params.objectType
    if (type !== 'tickets' && type !== 'deals')
      return invalid(`Unable to infer object type from: ${type}`).response
    const at = new Date(0).toISOString()
    const spec = PIPELINES[type]
    const stages = spec.stages.map(([id, label, metadata], displayOrder) => ({
      id,
      label,
      displayOrder,
      metadata,
      createdAt: at,
      updatedAt: at,
      archived: false,
    }))
    return jsonResponse({
      results: [
        {
          id: spec.id,
          label: spec.label,
          displayOrder: 0,
          stages,
          createdAt: at,
          updatedAt: at,
          archived: false,
        },
      ],
    })
  }

  return [
    route(
      context,
      {
        method: 'get',
        path: '/crm/v3/pipelines/:objectType',
        scopes: (p) =>
          p.objectType === 'deals' ? OBJECT_SCOPES.deals.read : OBJECT_SCOPES.tickets.read,
      },
      listPipelines,
    ),
  ]
}
