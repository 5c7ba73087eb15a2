export type CommandLineInput = {
	/** The guest has a virtio console, so its console is hvc0. */
	readonly virtioConsole: boolean;
	/** The user's terminal (type and size), for the console; only with a virtio console. */
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
		...(input.virtioConsole ? ['console=hvc0', ...(input.terminalArgs ?? [])] : []),
		...input.extraArgs,
		...(input.rootArgs ?? []),
		...(input.mountArgs ?? []),
	];
}
