export type CommandLineInput = {
	/** The guest's console device (hvc0, ttyS0, ...), for `console=`; none: the guest has no console (gui, headless). */
	readonly console?: string | undefined;
	/** The user's terminal (type and size), for the console; only with a console. */
	readonly terminalArgs?: readonly string[];
	/** The user's positional arguments. */
	readonly extraArgs: readonly string[];
	/** Words the root file system needs (root=..., rootfstype=...). */
	readonly rootArgs?: readonly string[];
	/** One `systemd.mount-extra=` word per shared folder. */
	readonly mountArgs?: readonly string[];
};

/** The kernel command line words, in upstream's order: console, the user's words, then root and mounts. */
export function kernelCommandLine(input: CommandLineInput): string[] {
	return [
		...(input.console ? [`console=${input.console}`, ...(input.terminalArgs ?? [])] : []),
		...input.extraArgs,
		...(input.rootArgs ?? []),
		...(input.mountArgs ?? []),
	];
}
