import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { type Fixture, FIXTURE_OBJECT_TYPES } from '@health-score/hubspot-emulator'

/** Roughly how many characters to hand the file stream at once. */
const CHUNK_CHARS = 1 << 20

/**
 * The fixture as JSON text, in pieces, byte-identical to `JSON.stringify(fixture)` when joined.
 * A 100k-company portal is larger than the longest string V8 allows, so it must be written in pieces.
 */
export function* fixtureJsonChunks(fixture: Fixture): Generator<string> {
  let buffer = `{"portalId":${JSON.stringify(fixture.portalId)},"asOf":${JSON.stringify(fixture.asOf)}`
  for (const type of FIXTURE_OBJECT_TYPES) {
    buffer += `,${JSON.stringify(type)}:[`
    const records = fixture[type]
    for (let i = 0; i < records.length; i++) {
      buffer += (i === 0 ? '' : ',') + JSON.stringify(records[i])
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer
        buffer = ''
      }
    }
    buffer += ']'
  }
  if (fixture.propertyDefinitions !== undefined)
    buffer += `,"propertyDefinitions":${JSON.stringify(fixture.propertyDefinitions)}`
  if (fixture.propertyGroups !== undefined)
    buffer += `,"propertyGroups":${JSON.stringify(fixture.propertyGroups)}`
  yield `${buffer}}`
}

/**
 * Writes a fixture file that `health-score emulator --fixture FILE` (and `parseFixture`) reads,
 * streaming it so that large portals do not need one giant string.
 * @throws the file system's error when the path cannot be written.
 * @example
 * await writeFixtureFile('demo.json', generateDemoPortal({ companies: 500 }).fixture)
 */
export async function writeFixtureFile(path: string, fixture: Fixture): Promise<void> {
  await pipeline(Readable.from(fixtureJsonChunks(fixture)), createWriteStream(path))
}
