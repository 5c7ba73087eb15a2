import type {Section} from '@vmspawn/plan';
import {archTraits} from '../arch.js';

const virtioSerial = ['-device', 'virtio-serial-pci,id=vmspawn-virtio-serial-pci'];

/**
 * The guest's end of the console chardev: a virtconsole (hvc0), or the platform's serial port
 * (isa-serial, PL011) as upstream's -serial chardev:console, which only -serial can wire up.
 */
function consoleDevice(console: Section<'console'>): string[] {
	return console.transport === 'serial' ? ['-serial', 'chardev:console'] : [...virtioSerial, '-device', 'virtconsole,chardev=console'];
}

/**
 * The console devices. The guest console is a virtio console (hvc0) or a serial
 * port wired to qemu's stdio; native mode multiplexes qemu's monitor onto it (Ctrl-a c).
 */
export function consoleArgs(console: Section<'console'>): string[] {
	switch (console.mode) {
		case 'interactive':
		case 'read-only': {
			const chardev = ['-chardev', 'stdio,id=console,signal=off'];
			return [
				'-nographic',
				'-nodefaults',
				...(console.transport === 'serial'
					? [...chardev, '-serial', 'chardev:console']
					: [...virtioSerial, ...chardev, '-device', 'virtconsole,chardev=console']),
			];
		}

		case 'native': {
			return ['-nographic', '-nodefaults', '-chardev', 'stdio,mux=on,id=console,signal=off', ...consoleDevice(console), '-mon', 'console'];
		}

		case 'gui': {
			return ['-vga', 'virtio'];
		}

		case 'headless': {
			return ['-nographic', '-nodefaults'];
		}
	}
}

/**
 * The guest's console device for `console=` on its command line: hvc0, or with the
 * serial transport ttyS0 (ttyAMA0 on arm); none for gui and headless, which have no console.
 */
export function guestConsoleDevice(console: Section<'console'>, arch: string): string | undefined {
	if (console.mode === 'gui' || console.mode === 'headless') {
		return undefined;
	}

	return console.transport === 'serial' ? (archTraits(arch)?.serialConsole ?? 'ttyS0') : 'hvc0';
}
