import { MemoryRunJournal } from '../../src/operations/index.ts'
import { runJournalContract } from './run-journal-contract.ts'

runJournalContract(() => ({ journal: new MemoryRunJournal(), close: () => {} }))
