export {journalOptionDefs, readJournalOutput} from './cli-options.js';
export {findJournalRemote} from './find-journal-remote.js';
export {FORWARD_CREDENTIAL, type JournalRequest, USER_MODE_HOST_ADDRESS, planJournal} from './plan-journal.js';
