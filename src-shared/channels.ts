// Electron IPC channels besides the contract's request names (which are their
// own channels): written once for the preload and the main-process transport.
export const EVENT_CHANNEL = 'warren:event';
export const START_DRAG_CHANNEL = 'warren:start-drag';
