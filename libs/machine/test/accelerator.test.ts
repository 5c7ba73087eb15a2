import test from 'ava';
import {available, unavailable, probeError} from '@vmspawn/host';
import {CliError} from '@vmspawn/cli';
import {chooseAccelerator} from '../src/index.js';

const usable = () => available(true as const);
const pvm = () => unavailable('the host KVM is the PVM flavour (kvm_pvm), which cannot run ordinary guests');

test('auto uses KVM when it can run guests', t => {
	t.deepEqual(chooseAccelerator('auto', 'x86_64', usable), {accelerator: 'kvm'});
});

test('auto falls back to TCG with a warning that says why', t => {
	const choice = chooseAccelerator('auto', 'x86_64', pvm);
	t.is(choice.accelerator, 'tcg');
	t.regex(choice.warning ?? '', /KVM is not usable \(the host KVM is the PVM flavour.*\); falling back to software emulation \(TCG\)/);
});

test('--kvm=yes without a usable KVM fails clearly instead of hanging', t => {
	const error = t.throws(() => chooseAccelerator('yes', 'x86_64', pvm), {instanceOf: CliError});
	t.is(error?.message, '--kvm=yes, but KVM cannot run guests here: the host KVM is the PVM flavour (kvm_pvm), which cannot run ordinary guests');
	t.is(error?.exitCode, 95);
});

test('--kvm=no never probes', t => {
	t.is(
		chooseAccelerator('no', 'x86_64', () => {
			throw new Error('probed');
		}).accelerator,
		'tcg',
	);
});

test('a probe error stops auto rather than guessing', t => {
	t.throws(() => chooseAccelerator('auto', 'x86_64', () => probeError('cannot open /dev/kvm: EIO')), {message: /cannot tell whether KVM is usable/});
});
