/** Where HubSpot serves its app; links to it open in the same tab. */
const HUBSPOT_APP = 'https://app.hubspot.com'

/** The object type id of companies in record URLs. */
const COMPANY_TYPE_ID = '0-2'

/**
 * A company's record page in HubSpot, as HubSpot's own examples link to it.
 * @example
 * companyRecordUrl(123, '4242') // 'https://app.hubspot.com/contacts/123/record/0-2/4242'
 */
export function companyRecordUrl(portalId: number, companyId: string): string {
  return `${HUBSPOT_APP}/contacts/${portalId}/record/${COMPANY_TYPE_ID}/${encodeURIComponent(companyId)}`
}
