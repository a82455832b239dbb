/** `health-score demo` (what `npm start` runs) as a user runs it, on a small demo portal. */
import { createInterface } from 'node:readline'

import { expect, it } from 'vitest'

import { startCli } from '../../support/cli.ts'

/** The printed `curl -H 'Name: value' … 'URL'` as fetch's URL and headers. */
function parseCurl(line: string): { url: string; headers: Record<string, string> } {
  const quoted = [...line.matchAll(/'([^']*)'/g)].map((match) => match[1]!)
  const url = quoted.pop()!
  const headers = Object.fromEntries(
    quoted.map((header) => {
      const at = header.indexOf(': ')
      return [header.slice(0, at), header.slice(at + 2)]
    }),
  )
  return { url, headers }
}

it('rescores the demo portal, shows the most urgent accounts, serves the backend with a signed curl that answers, until Ctrl-C', async () => {
  const { child, done } = startCli(['demo', '--companies', '30', '--port', '0'])
  try {
    const lines = createInterface({ input: child.stdout! })
    let url = ''
    let backendUrl = ''
    let curl = ''
    for await (const line of lines) {
      url ||= /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? ''
      backendUrl ||=
        /backend \(health-score serve\) listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ??
        ''
      if (line.trimStart().startsWith('curl -H')) curl = line.trim()
      if (line.startsWith('Still serving')) break
    }
    expect(url).not.toBe('')
    const stats = (await (await fetch(`${url}/__emulator/stats`)).json()) as {
      objects: { companies: number }
    }
    expect(stats.objects.companies).toBe(30)

    // The printed request, exactly as printed: a 200 with what the card shows.
    expect(curl).toMatch(
      /^curl -H 'X-HubSpot-Signature-v3: [\w+/]+=*' -H 'X-HubSpot-Request-Timestamp: \d+' 'http:\/\/127\.0\.0\.1:\d+\/api\/companies\/\d+\/health\?portalId=\d+&userId=1'$/,
    )
    const request = parseCurl(curl)
    expect(request.url.startsWith(`${backendUrl}/api/companies/`)).toBe(true)
    const companyId = /companies\/(\d+)\//.exec(request.url)![1]
    const answer = await fetch(request.url, { headers: request.headers })
    expect(answer.status).toBe(200)
    const health = (await answer.json()) as Record<string, unknown>
    expect(Object.keys(health)).toEqual(
      expect.arrayContaining(['result', 'issues', 'history', 'current']),
    )
    expect(health).toMatchObject({ companyId, result: { companyId, tier: 'at_risk' } })
    // Good once: the same request again is a replay.
    expect((await fetch(request.url, { headers: request.headers })).status).toBe(401)
  } finally {
    child.kill('SIGINT')
  }
  const { code, stdout } = await done
  expect(code).toBe(0)
  expect(stdout).toContain('Generating the demo portal: 30 companies (seed 1)')
  expect(stdout).toContain('The 10 most urgent accounts:')
  expect(stdout).toMatch(/npx health-score explain \d+ --base-url http:\/\/127\.0\.0\.1:\d+/)
}, 60_000)
