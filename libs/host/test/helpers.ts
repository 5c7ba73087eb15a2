/** Another user's uid (nobody): only root can give files away to stand in for a hostile local user. */
export const otherUid = 65_534;
export const isRoot = process.getuid?.() === 0;
export const needsRootReason = 'needs root: files of another user are made with chown';
