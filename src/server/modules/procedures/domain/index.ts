/** Pure domain of the procedure catalogue: fees, versioning and catalogue corrections. No I/O. */
export * from './corrections';
export * from './fees';
export * from './versioning';
