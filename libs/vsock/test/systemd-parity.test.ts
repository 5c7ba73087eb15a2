import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CID_DERIVATION_KEY, deriveCids} from '../src/index.js';

// systemd's private library exports its siphash24_*; calling it through koffi checks the derivation against upstream's own code.
function findLibsystemdShared(): string | undefined {
	for (const directory of ['/usr/lib/x86_64-linux-gnu/systemd', '/usr/lib/aarch64-linux-gnu/systemd', '/usr/lib/systemd', '/usr/lib64/systemd']) {
		const file = existsSync(directory) ? readdirSync(directory).find(name => /^libsystemd-shared-\d+\.so$/.test(name)) : undefined;
		if (file) {
			return join(directory, file);
		}
	}

	return undefined;
}

const library = findLibsystemdShared();

(library ? test : test.skip)('derived CIDs match the ones upstream systemd computes with its own siphash24 (skipped without libsystemd-shared)', async t => {
	const {default: koffi} = await import('koffi');
	const lib = koffi.load(library!);
	const init = lib.func('void siphash24_init(void *state, const uint8_t *k)');
	const compress = lib.func('void siphash24_compress(const void *in, size_t inlen, void *state)');
	const finalize = lib.func('uint64_t siphash24_finalize(void *state)');
	for (const name of ['foo', 'web1', 'a-very-long-machine-name-0123456789']) {
		// struct siphash is 48 bytes; the copy per try is upstream's `state = machine_hash_state`.
		const named = Buffer.alloc(64);
		init(named, Buffer.from(CID_DERIVATION_KEY));
		compress(Buffer.from(name), Buffer.byteLength(name), named);
		const upstream = Array.from({length: 64}, (_, index) => {
			const state = Buffer.from(named);
			const indexBytes = Buffer.alloc(4);
			indexBytes.writeUInt32LE(index);
			compress(indexBytes, 4, state);
			return 3 + Number(BigInt(finalize(state) as bigint | number) % 4_294_967_291n);
		});
		t.deepEqual(deriveCids(name), upstream, name);
	}
});
