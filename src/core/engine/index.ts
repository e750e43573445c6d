// The engine of a run, shared by the extension (services/mediaService.ts) and the command line (src/cli).
export * from './engine';
export * from './files';
export * from './historyFile';
export * from './options';
export * from './pricing';
export * from './records';
export * from './requests';
export * from './types';
export * from './protectedArea';
