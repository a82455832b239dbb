/** The uids of the private app's functions the card calls (`src/app/functions/*-hsmeta.json`). */
export const FUNCTION_UIDS = {
  scoreCompany: 'score_company',
  runPlaybookAction: 'run_playbook_action',
  setCsmSentiment: 'set_csm_sentiment',
} as const
