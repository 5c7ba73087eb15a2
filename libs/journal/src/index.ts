export {journalOptionDefs, readJournalOutput} from './cli-options.js';
export {findJournalRemote} from './find-journal-remote.js';
export {type JournalLimits, journalLimitArguments, journalLimitOptionDefs, readJournalLimits} from './limits.js';
export {FORWARD_CREDENTIAL, JOURNALD_DROPIN_CREDENTIAL, type JournalRequest, USER_MODE_HOST_ADDRESS, journalCredentials, planJournal} from './plan-journal.js';
export {applicableLimits} from './limit-support.js';
