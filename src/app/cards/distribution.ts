/**
 * Which HubSpot distribution this copy of the card belongs to. The source (and the root project)
 * is the private app; `npm run build` rewrites this line in `build/hubspot/marketplace/`.
 */
export const DISTRIBUTION: 'private' | 'marketplace' = 'private'
