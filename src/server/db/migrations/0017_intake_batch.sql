-- Reserved for 0017_intake_batch; filled by its owner (see /work/notes/plan.md).
select 1;
