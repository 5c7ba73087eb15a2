import test from 'ava';
import {PlanError, emptyPlan, validatePlan, withSection} from '../src/index.js';

test('a vsock section with a derived CID is accepted', t => {
	const plan = withSection(emptyPlan(), 'vsock', {enabled: true, cid: 3_189_503_731, cidSource: 'derived', derivedFrom: 'foo'});
	t.deepEqual(plan.vsock, {enabled: true, cid: 3_189_503_731, cidSource: 'derived', derivedFrom: 'foo'});
});

test('vsock off carries the reason and no CID', t => {
	t.deepEqual(validatePlan({version: '1.0', vsock: {enabled: false, reason: '/dev/vhost-vsock does not exist'}}).vsock, {
		enabled: false,
		reason: '/dev/vhost-vsock does not exist',
	});
});

test('an enabled vsock section needs a CID', t => {
	const error = t.throws(() => withSection(emptyPlan(), 'vsock', {enabled: true} as never), {instanceOf: PlanError});
	t.deepEqual(error?.problems, ['plan.vsock.cid: an enabled vsock section needs a cid']);
});

test('reserved CIDs and VMADDR_CID_ANY are refused in a plan', t => {
	t.throws(() => validatePlan({version: '1.0', vsock: {enabled: true, cid: 2}}), {instanceOf: PlanError});
	t.throws(() => validatePlan({version: '1.0', vsock: {enabled: true, cid: 4_294_967_295}}), {instanceOf: PlanError});
});
