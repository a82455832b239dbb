/**
 * @module The SQLite store's rows and how they become the store's values: JSON columns parsed,
 * erased tokens as null, sealed tokens typed as such again.
 */
import type { SealedToken } from '../token-cipher.ts'
import type {
  Installation,
  InstallationStatus,
  InstallationTokens,
  Job,
  JobKind,
  JobStatus,
  JsonValue,
  SettingsVersion,
} from './types.ts'

export interface InstallationRow {
  portal_id: number
  status: InstallationStatus
  scopes: string
  access_token: string | null
  refresh_token: string | null
  expires_at: number | null
  installed_at: number
  updated_at: number
}
export interface SettingsRow {
  portal_id: number
  version: number
  model: string
  saved_at: number
  saved_by: string | null
}
export interface JobRow {
  id: number
  portal_id: number
  kind: JobKind
  status: JobStatus
  progress: string
  error: string | null
  created_at: number
  started_at: number | null
  updated_at: number
  finished_at: number | null
}

export function tokenColumns(tokens: InstallationTokens): [string, string, number] {
  return [tokens.accessToken, tokens.refreshToken, tokens.expiresAt]
}

export function toInstallation(row: InstallationRow): Installation {
  const { access_token: access, refresh_token: refresh, expires_at: expiresAt } = row
  return {
    portalId: row.portal_id,
    scopes: JSON.parse(row.scopes) as string[],
    status: row.status,
    tokens:
      access !== null && refresh !== null && expiresAt !== null
        ? {
            accessToken: access as SealedToken,
            refreshToken: refresh as SealedToken,
            expiresAt,
          }
        : null,
    installedAt: row.installed_at,
    updatedAt: row.updated_at,
  }
}

export function toSettings(row: SettingsRow): SettingsVersion {
  return {
    portalId: row.portal_id,
    version: row.version,
    model: JSON.parse(row.model) as JsonValue,
    savedAt: row.saved_at,
    savedBy: row.saved_by,
  }
}

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    portalId: row.portal_id,
    kind: row.kind,
    status: row.status,
    progress: JSON.parse(row.progress) as JsonValue,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  }
}
