import {fileURLToPath} from 'node:url';
import test from 'ava';
import {runSourceCli} from '@vmspawn/testing';

const cli = fileURLToPath(new URL('fixtures/fake-host-cli.ts', import.meta.url));

test('-M NAME without --image= or --directory= and no such machine image: one line, exit 2, nothing started', async t => {
	const result = await runSourceCli(cli, ['--dry-run', '-M', 'vmspawn-test-no-such-machine', '--linux=/k']);
	t.is(result.status, 2);
	t.is(result.stdout, '');
	t.regex(
		result.stderr,
		/^vmspawn-run: no image for machine 'vmspawn-test-no-such-machine': neither a directory vmspawn-test-no-such-machine nor an image vmspawn-test-no-such-machine\.raw in \/etc\/machines, .*\/usr\/lib\/machines; give --image= or --directory=\n$/,
	);
});
