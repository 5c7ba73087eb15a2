import type {CleanupStack} from './cleanup-stack.js';
import type {StartedHelper} from './helpers.js';
import type {Interruption} from './interruption.js';
import type {NotifyPort} from './notify-port.js';
import type {RunVmRequest} from './run-vm.js';
import type {RunningChild} from './spawn-child.js';
import type {StderrRelay} from './stderr-relay.js';
import type {StatusRecorder} from './status-recorder.js';

/** What the phases of one run share. Each phase registers the clean-up of what it acquires on `cleanup`. */
export type RunContext = {
	readonly request: RunVmRequest;
	readonly cleanup: CleanupStack;
	readonly interruption: Interruption;
	/** qemu's and the helpers' stderr, a whole line at a time. */
	readonly relay: StderrRelay;
	/** The helpers started so far; they and `children` are stopped together on the way out. */
	readonly helpers: StartedHelper[];
	/** The other children started so far: qemu. */
	readonly children: RunningChild[];
	readonly status: StatusRecorder | undefined;
	/** The guest's virtio-serial notification port, listened on before qemu starts. */
	readonly notifyPort: NotifyPort | undefined;
};
