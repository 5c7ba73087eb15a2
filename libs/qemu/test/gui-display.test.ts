import test from 'ava';
import {checkGuiDisplay, guiDisplayProblem, parseDisplayBackends} from '../src/index.js';

// Debian 12's qemu-system-x86 without qemu-system-gui (the module lines go to stderr).
const withoutGui = 'Available display backend types:\nnone\negl-headless\ncurses\nspice-app\ndbus\n';
const withGui = 'Available display backend types:\nnone\ngtk\nsdl\negl-headless\ncurses\nspice-app\ndbus\n';

test('the display backends are read from qemu -display help', t => {
	t.deepEqual(parseDisplayBackends(withoutGui), ['none', 'egl-headless', 'curses', 'spice-app', 'dbus']);
	t.deepEqual(parseDisplayBackends('qemu: unknown option\n'), []);
});

test('gui needs a window display backend and a graphical session', t => {
	t.is(guiDisplayProblem(parseDisplayBackends(withGui), {DISPLAY: ':0'}), undefined);
	t.is(guiDisplayProblem(parseDisplayBackends(withGui), {WAYLAND_DISPLAY: 'wayland-0'}), undefined);
	t.is(guiDisplayProblem(parseDisplayBackends(withGui), {}), 'there is no graphical session to open a window in ($DISPLAY and $WAYLAND_DISPLAY are unset)');
	t.is(
		guiDisplayProblem(parseDisplayBackends(withoutGui), {DISPLAY: ':0'}),
		'this qemu cannot open a window: its display backends are none, egl-headless, curses, spice-app, dbus, none of gtk, sdl, cocoa (install the Debian package qemu-system-gui)',
	);
});

test('the check asks the binary once, with -display help', async t => {
	const calls: string[][] = [];
	const problem = await checkGuiDisplay('/usr/bin/qemu-system-x86_64', {DISPLAY: ':0'}, async argv => {
		calls.push([...argv]);
		return {stdout: withGui};
	});
	t.is(problem, undefined);
	t.deepEqual(calls, [['/usr/bin/qemu-system-x86_64', '-display', 'help']]);
});
