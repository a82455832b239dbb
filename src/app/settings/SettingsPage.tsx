import { hubspot, useExtensionContext } from '@hubspot/ui-extensions'
import { useMemo } from 'react'

import type { HealthModelInput } from '../../health/index.ts'
import { DISTRIBUTION } from '../cards/distribution.ts'
import { BACKEND_URL_VARIABLE } from '../cards/transport/backend-fetch.ts'
import { ModelEditor } from './components/ModelEditor.tsx'
import { ModelInUse } from './components/ModelInUse.tsx'
import modelInUse from './model-in-use.json'
import type { SettingsTransport } from './transport/settings-transport.ts'
import { createSettingsTransport } from './transport/settings-transport.ts'

hubspot.extend<'settings'>(() => <SettingsPage />)

export interface SettingsPageProps {
  /** Which app this is; by default the distribution this build was made for. */
  readonly distribution?: 'private' | 'marketplace'
  /** The marketplace backend's settings API; by default through `hubspot.fetch`. */
  readonly transport?: SettingsTransport
  /** The private app's built-in model. */
  readonly model?: HealthModelInput
  /** How often the editor polls a running backtest, ms. */
  readonly backtestPollMs?: number
}

/** The app's settings: the model editor (marketplace) or the model in use (private). */
export function SettingsPage({
  distribution = DISTRIBUTION,
  transport,
  model = modelInUse as HealthModelInput,
  backtestPollMs,
}: SettingsPageProps) {
  const context = useExtensionContext<'settings'>()
  const resolved = useMemo(
    () => transport ?? createSettingsTransport(context.variables?.[BACKEND_URL_VARIABLE]),
    [transport, context.variables],
  )
  return distribution === 'marketplace' ? (
    <ModelEditor
      transport={resolved}
      {...(backtestPollMs === undefined ? {} : { backtestPollMs })}
    />
  ) : (
    <ModelInUse model={model} />
  )
}
