// The TPM + virtiofs boot both ways: vmspawn-run with --tpm=yes and a -D directory root,
// and the plain script (plain-script.ts) running the same qemu argv after starting
// swtpm and virtiofsd by hand.
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {type DryRun, plainBootScript, quote} from './plain-script.js';

export type TpmBootOptions = {
	/** How to run vmspawn-run (e.g. `node /path/bin/vmspawn-run.js`). */
	readonly vmspawnRun: string;
	readonly guest: string;
	/** The directory the guest gets as its root. */
	readonly root: string;
	/** Where the plain script is written. */
	readonly scratch: string;
	readonly env: NodeJS.ProcessEnv;
	/** The VM's machine name (-M). */
	readonly machine: string;
};

/** Shell commands for both variants; the plain one reuses one dry run's runtime directory each time. */
export function tpmBootVariants(options: TpmBootOptions): {launcher: string; plain: string} {
	const {guest} = options;
	// No SSH key: its credential files are written by vmspawn-run only, and the plain script could not pass them.
	const args = `--linux=${guest}/vmlinuz --initrd=${guest}/initrd.img --firmware=none -D ${quote(options.root)} --tpm=yes --vsock=no --pass-ssh-key=no --register=no --ram=512M --console=read-only -q -M ${options.machine} quiet no_timer_check`;
	const dryRun = JSON.parse(execFileSync('/bin/sh', ['-c', `${options.vmspawnRun} --dry-run ${args}`], {env: options.env, encoding: 'utf8'})) as DryRun;
	if (!dryRun.plan.tpm?.enabled || dryRun.plan.fs?.root.share === undefined) {
		throw new Error('the TPM boot plan has no TPM or no virtiofs root');
	}

	const script = join(options.scratch, 'plain-tpm-boot.sh');
	writeFileSync(script, plainBootScript(dryRun));
	return {launcher: `${options.vmspawnRun} ${args} < /dev/null > /dev/null`, plain: `bash ${quote(script)}`};
}
