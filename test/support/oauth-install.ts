/**
 * @fileoverview What a browser does to install the app: the backend's install link, HubSpot's (the
 * emulator's) authorize page, back to the backend's callback with the state cookie.
 */

/** Installs the portal behind the emulator's authorize page into the backend at `backendUrl`. */
export async function installThroughOAuth(backendUrl: string): Promise<Response> {
  const start = await fetch(`${backendUrl}/oauth/install`, { redirect: 'manual' })
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const consent = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' })
  return fetch(consent.headers.get('location') ?? '', { headers: { cookie }, redirect: 'manual' })
}
