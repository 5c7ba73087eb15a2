import test from 'ava';
import {UsageError, splitShellWords} from '../src/index.js';

for (const [text, words] of [
	['', []],
	['  -device  virtio-gpu ', ['-device', 'virtio-gpu']],
	[`-smbios 'type=11,value=a b'`, ['-smbios', 'type=11,value=a b']],
	[String.raw`-append "x=\"1\" y" z\ w`, ['-append', 'x="1" y', 'z w']],
	[String.raw`a\x41\n`, ['aA\n']],
	[`''`, ['']],
] as const) {
	test(`${JSON.stringify(text)} splits into ${JSON.stringify(words)}`, t => {
		t.deepEqual(splitShellWords(text, '$X'), [...words]);
	});
}

test('an unterminated quote names the source', t => {
	t.throws(() => splitShellWords(`-x "open`, '$SYSTEMD_VMSPAWN_QEMU_EXTRA'), {
		instanceOf: UsageError,
		message: '$SYSTEMD_VMSPAWN_QEMU_EXTRA: unterminated " quote',
	});
});
