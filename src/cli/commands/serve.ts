/** `health-score serve`: the marketplace backend, configured from the environment, until Ctrl-C. */
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { describeFlag } from '../flag.ts'
import { FLAGS } from '../flags.ts'

const flags = {
  port: describeFlag(
    FLAGS.port,
    'the port to listen on, 0 for any free one (default: PORT, or 3000); HEALTH_SCORE_HOST=0.0.0.0 listens on every interface',
  ),
  logLevel: describeFlag(
    FLAGS.logLevel,
    'what to log on stderr as JSON lines: fatal, error, warn, info, debug, trace or silent (default: info, or HEALTH_LOG_LEVEL)',
  ),
}

export type ServeInput = CommandInput<typeof flags>

export const serve = defineCommand({
  name: 'serve',
  summary: 'serve the marketplace backend: OAuth install, the card and settings API',
  description:
    `Serves the marketplace app's backend: the OAuth install (/oauth/install), the signed ` +
    `card and settings API that hubspot.fetch calls (/api/...), the workflow action and ` +
    `/healthz. It is configured from the environment (HUBSPOT_CLIENT_ID, ` +
    `HUBSPOT_CLIENT_SECRET, HEALTH_SCORE_PUBLIC_URL, HEALTH_SCORE_ENCRYPTION_KEY, ...; see ` +
    `the README), each missing or bad variable named on its own line. The first line on ` +
    `stdout is \`listening on http://127.0.0.1:PORT\`. Ctrl-C or SIGTERM stops it gracefully ` +
    `(requests in flight finish, for up to 10 s); a second signal stops it at once.`,
  flags,
  examples: [
    'HUBSPOT_CLIENT_ID=... HUBSPOT_CLIENT_SECRET=... health-score serve --port 3000',
    'NODE_ENV=production HEALTH_SCORE_HOST=0.0.0.0 health-score serve',
  ],
  load: () => import('../actions/serve.ts'),
})
