/** Pure domain of one-stop dossiers: states, lifecycle, due dates, codes. No I/O. */
export * from './actions';
export * from './dossier-code';
export * from './lifecycle';
export * from './local-time';
export * from './rehearsal-code';
export * from './sla';
export * from './state';
export * from './status';
export * from './step-schedule';
