import { List, Text } from '@hubspot/ui-extensions'

import type { Driver } from '../../../health/index.ts'

export interface DriversProps {
  readonly drivers: readonly Driver[]
  readonly limit?: number
}

/** The drivers costing the most points, in plain sentences. */
export function Drivers({ drivers, limit = 3 }: DriversProps) {
  if (drivers.length === 0) {
    return <Text testId="health-drivers-none">Nothing is costing this account points.</Text>
  }
  return (
    <List variant="unordered" testId="health-drivers">
      {drivers.slice(0, limit).map((driver) => (
        <Text key={`${driver.componentId}.${driver.signalId}`}>{driver.sentence}</Text>
      ))}
    </List>
  )
}
