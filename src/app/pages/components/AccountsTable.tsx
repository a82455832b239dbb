import {
  Link,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'

import type { PortfolioAccount } from '../../../operations/portfolio-types.ts'
import { formatChange, formatDate } from '../../cards/utils/format.ts'
import { TIER_DISPLAY } from '../../cards/utils/tiers.ts'
import { companyRecordUrl } from '../utils/record-url.ts'

export interface AccountsTableProps {
  readonly accounts: readonly PortfolioAccount[]
  /** The HubSpot account the company records live in (`context.portal.id`). */
  readonly portalId: number
  /** Adds the day each account entered its tier (the newly red list). */
  readonly showTierChange?: boolean
  /** What to say when the list is empty. */
  readonly emptyText: string
  /** Prefix of every testId: `<testId>`, `<testId>-<companyId>`, `<testId>-<companyId>-link`. */
  readonly testId: string
}

/** A list of accounts, each linking to its company record, with its score, tier and change. */
export function AccountsTable({
  accounts,
  portalId,
  showTierChange = false,
  emptyText,
  testId,
}: AccountsTableProps) {
  if (accounts.length === 0) return <Text testId={`${testId}-empty`}>{emptyText}</Text>
  return (
    <Table bordered density="condensed" testId={testId}>
      <TableHead>
        <TableRow>
          <TableHeader>Company</TableHeader>
          <TableHeader>Score</TableHeader>
          <TableHeader>Tier</TableHeader>
          <TableHeader>30-day change</TableHeader>
          {showTierChange ? <TableHeader>In this tier since</TableHeader> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {accounts.map((account) => (
          <TableRow key={account.companyId} testId={`${testId}-${account.companyId}`}>
            <TableCell>
              <Link
                href={companyRecordUrl(portalId, account.companyId)}
                testId={`${testId}-${account.companyId}-link`}
              >
                {account.name}
              </Link>
            </TableCell>
            <TableCell>{account.score === null ? '—' : String(account.score)}</TableCell>
            <TableCell>
              {account.tier === null ? (
                '—'
              ) : (
                <StatusTag variant={TIER_DISPLAY[account.tier].variant}>
                  {TIER_DISPLAY[account.tier].label}
                </StatusTag>
              )}
            </TableCell>
            <TableCell>
              {account.change30d === null ? '—' : formatChange(account.change30d)}
            </TableCell>
            {showTierChange ? (
              <TableCell>
                {account.tierChangedAt === null ? '—' : formatDate(account.tierChangedAt)}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
