import {type CheckResult, fail, ok} from '../check-result.js';
import type {PreflightInput} from '../run-input.js';

/** sun_path holds 108 bytes including the terminating NUL. */
export const SOCKET_PATH_MAX = 107;

/** Every unix socket of the run fits in sockaddr_un, which a deep $XDG_RUNTIME_DIR can break. */
export function checkSocketPaths(input: PreflightInput): CheckResult {
	const sockets = [...input.sockets, ...input.helpers.flatMap(helper => (helper.socket ? [helper.socket] : []))];
	const tooLong = sockets.filter(path => Buffer.byteLength(path) > SOCKET_PATH_MAX);
	if (tooLong.length > 0) {
		return fail(
			'socket paths',
			`${tooLong.map(path => `${path} (${Buffer.byteLength(path)} bytes)`).join(', ')} exceed the ${SOCKET_PATH_MAX}-byte limit of a unix socket path; use a shorter machine name or set $VMSPAWN_RUNTIME_DIR`,
		);
	}

	const longest = Math.max(0, ...sockets.map(path => Buffer.byteLength(path)));
	return ok('socket paths', `${sockets.length} sockets, the longest ${longest} of ${SOCKET_PATH_MAX} bytes`);
}
