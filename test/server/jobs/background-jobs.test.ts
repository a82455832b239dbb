/** The jobs' part of a graceful shutdown, in order, once: scheduler, queue, connections, store. */
import { expect, it } from 'vitest'

import type { HubSpotConnection } from '../../../src/hubspot/index.ts'
import {
  createBackgroundJobs,
  type PortalConnections,
  SqliteServerStore,
} from '../../../src/server/index.ts'

it('stops the scheduler and the worker, then closes the connections and the store, once', async () => {
  const store = new SqliteServerStore(':memory:')
  const closed: string[] = []
  const connections: PortalConnections = {
    forPortal: async (): Promise<HubSpotConnection> => {
      throw new Error('no job runs in this test')
    },
    close: async () => void closed.push('connections'),
  }
  const jobs = createBackgroundJobs({ store, connections, rescoreAt: '02:00' })
  await jobs.start()
  expect(jobs.queue.running).toBe(true)
  expect(jobs.scheduler.nextAt).not.toBeNull()

  const first = jobs.stop()
  expect(jobs.stop()).toBe(first)
  await first
  expect(jobs.queue.running).toBe(false)
  expect(jobs.scheduler.nextAt).toBeNull()
  expect(closed).toEqual(['connections'])
  await expect(store.getInstallation(1)).rejects.toThrow(/database connection is not open/)
})
