-- Duplicate suggestions by place (issue 13 §2): the open located reports of a commune within a box around a point,
-- read from an index of those rows only (the index of migration 0014 holds every report of the commune, closed ones
-- too: its box scan read tens of times more entries and heap rows than it kept).
CREATE INDEX "feedback_reports_open_place_idx" ON "feedback_reports" USING btree ("commune_code", "latitude", "longitude") WHERE "state" in ('received', 'accepted', 'assigned', 'answer_pending', 'reopened', 'split', 'escalated') and "latitude" is not null;
