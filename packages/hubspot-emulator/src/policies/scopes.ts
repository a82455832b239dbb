/** Scopes: the authenticated caller must hold one of the scopes the endpoint accepts, or 403. */
import type { PathParams } from 'msw'

import { hubspotError } from '../http/hubspot-error.ts'
import type { Guard } from './guard.ts'

const SCOPES_URL = 'https://developers.hubspot.com/scopes'

/** Scopes of which any one grants access; undefined lets the resolver answer (e.g. an unknown type). */
export type ScopesOf<Params extends PathParams> = (params: Params) => readonly string[] | undefined

/**
 * Answers 403 `MISSING_SCOPES` when the caller holds none of `scopesOf(params)`. Runs after
 * `authenticate`.
 * @example requireScopes((p) => OBJECT_SCOPES.companies.read)
 */
export function requireScopes<Params extends PathParams>(
  scopesOf: ScopesOf<Params>,
): Guard<Params> {
  return async function requireScopes(call, next) {
    const required = scopesOf(call.params)
    const held = call.principal?.scopes
    if (required && !required.some((scope) => held?.has(scope))) return missingScopes(required)
    return next()
  }
}

function missingScopes(required: readonly string[]): Response {
  return hubspotError(
    403,
    'MISSING_SCOPES',
    `This app hasn't been granted all required scopes to make this call. Read more about required scopes here: ${SCOPES_URL}.`,
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [...required] },
        },
      ],
      links: { scopes: SCOPES_URL },
    },
  )
}
