import { expect, it } from 'vitest'

import { describeForeignAnswer } from '../../src/hubspot/hubspot-answer.ts'

it('takes HubSpot-shaped JSON, empty answers and proxy 429/5xx as possibly HubSpot', () => {
  expect(describeForeignAnswer(200, 'application/json;charset=utf-8', '{"results":[]}')).toBeNull()
  expect(
    describeForeignAnswer(400, 'application/json', '{"status":"error","message":"x"}'),
  ).toBeNull()
  expect(describeForeignAnswer(204, undefined, '')).toBeNull()
  expect(describeForeignAnswer(502, 'text/html', '<html>Bad gateway</html>')).toBeNull()
})

it('names what a server that is not HubSpot answered', () => {
  expect(describeForeignAnswer(200, 'text/html; charset=utf-8', '<html></html>')).toBe(
    '200 text/html',
  )
  expect(describeForeignAnswer(200, 'application/json', '[1,2]')).toBe(
    '200 JSON that is not an object',
  )
  expect(describeForeignAnswer(200, 'application/json', '{"ok":true}')).toBe(
    "200 JSON without HubSpot's fields",
  )
  expect(describeForeignAnswer(404, 'application/json', '{"error":"nope"}')).toBe(
    "404 JSON without HubSpot's fields",
  )
  expect(describeForeignAnswer(200, undefined, 'hello')).toBe('200 no content type')
})
