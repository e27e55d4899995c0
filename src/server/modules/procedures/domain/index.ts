/** Pure domain of the procedure catalogue: fees and versioning. No I/O. */
export * from './fees';
export * from './versioning';
