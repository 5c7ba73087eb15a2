import type {Section} from '@vmspawn/plan';

const virtioSerial = ['-device', 'virtio-serial-pci,id=vmspawn-virtio-serial-pci'];

/**
 * The console devices. The guest console is a virtio console (hvc0) wired to
 * qemu's stdio; native mode multiplexes qemu's monitor onto it (Ctrl-a c).
 */
export function consoleArgs(console: Section<'console'>): string[] {
	switch (console.mode) {
		case 'interactive':
		case 'read-only': {
			return ['-nographic', '-nodefaults', ...virtioSerial, '-chardev', 'stdio,id=console,signal=off', '-device', 'virtconsole,chardev=console'];
		}

		case 'native': {
			return ['-nographic', '-nodefaults', '-chardev', 'stdio,mux=on,id=console,signal=off', ...virtioSerial, '-device', 'virtconsole,chardev=console', '-mon', 'console'];
		}

		case 'gui': {
			return ['-vga', 'virtio'];
		}

		case 'headless': {
			return ['-nographic', '-nodefaults'];
		}
	}
}

/** Whether the guest has a virtio console, so `console=hvc0` belongs on its command line. */
export function hasVirtioConsole(console: Section<'console'>): boolean {
	return console.mode !== 'gui' && console.mode !== 'headless';
}
