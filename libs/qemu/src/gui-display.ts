/** Runs a command to its end; @vmspawn/host's runCommand fits. */
export type RunForStdout = (argv: readonly string[], options?: {readonly timeoutMs?: number}) => Promise<{readonly stdout: string}>;

// The display backends that open a window. Without one, qemu's default display for a graphical
// VM is a VNC server on 127.0.0.1:5900, silently: no window, and nothing says why.
const windowDisplays = ['gtk', 'sdl', 'cocoa'];

/** The backends `qemu -display help` lists (Debian ships gtk and sdl in qemu-system-gui, as modules). */
export function parseDisplayBackends(help: string): string[] {
	const lines = help.split('\n').map(line => line.trim());
	const start = lines.findIndex(line => /^Available display backend types:?$/i.test(line));
	return start === -1 ? [] : lines.slice(start + 1).filter(line => /^[\w-]+$/.test(line));
}

/** Why --console=gui cannot show the guest's screen here, or undefined when it can. */
export function guiDisplayProblem(backends: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
	if (!backends.some(backend => windowDisplays.includes(backend))) {
		return `this qemu cannot open a window: its display backends are ${backends.join(', ') || 'unknown'}, none of ${windowDisplays.join(', ')} (install the Debian package qemu-system-gui)`;
	}

	if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
		return 'there is no graphical session to open a window in ($DISPLAY and $WAYLAND_DISPLAY are unset)';
	}

	return undefined;
}

/** Asks the qemu binary which display backends it has: one short qemu start, made only for --console=gui. */
export async function checkGuiDisplay(binary: string, env: NodeJS.ProcessEnv, run: RunForStdout): Promise<string | undefined> {
	const {stdout} = await run([binary, '-display', 'help'], {timeoutMs: 10_000});
	return guiDisplayProblem(parseDisplayBackends(stdout), env);
}
