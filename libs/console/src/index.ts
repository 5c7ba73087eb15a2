export {bannerLines} from './banner.js';
export {ESCAPE_BYTE, EscapeDetector} from './escape-detector.js';
export {type InputForwarder, forwardConsoleInput} from './forward-input.js';
export {type TerminalStyle, enterRawMode, tintSequence, untintSequence} from './terminal.js';
export {type ConsoleSession, type ConsoleSessionRequest, consoleSession, terminalArgs} from './session.js';
