// IPC channel names, shared by main and preload. Every channel carries this prefix; main refuses
// anything else (VS Code's rule).
export const INVOKE_PREFIX = 'peak-watch:invoke:';
export const EVENT_PREFIX = 'peak-watch:event:';
