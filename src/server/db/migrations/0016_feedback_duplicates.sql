-- Reserved for 0016_feedback_duplicates; filled by its owner (see /work/notes/plan.md).
select 1;
