-- Reserved for 0018_cache_invalidation; filled by its owner (see /work/notes/plan.md).
select 1;
