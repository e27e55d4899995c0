/** Pure domain of citizens' feedback (phản ánh, kiến nghị): lifecycle, deadlines, masking, codes, checks. No I/O. */

export * from '../../../../common/masking';
export * from './code';
export * from './deadlines';
export * from './duplicates';
export * from './lifecycle';
export * from './settings';
export * from './starter-categories';
export * from './validation';
