import test from 'ava';
import {vmGenerationId} from '../src/index.js';

const v4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

test('under a service manager the ID is derived from $INVOCATION_ID as sd_id128_get_invocation_app_specific() does', t => {
	// systemd-id128 machine-id --app-specific=bd846de3e47d4b6ca6854a870f3ca3a0 on a machine with this machine ID printed it.
	t.is(vmGenerationId({INVOCATION_ID: '3d1219c7c4c5404aaa1f6d2a48adfda4'}), 'e2c3b604-575f-439c-af7d-bac49ad3d471');
});

test('otherwise each run gets a random version 4 UUID', t => {
	const first = vmGenerationId({});
	t.regex(first, v4);
	t.not(vmGenerationId({}), first);
	t.regex(vmGenerationId({INVOCATION_ID: 'not-an-id'}), v4);
});
