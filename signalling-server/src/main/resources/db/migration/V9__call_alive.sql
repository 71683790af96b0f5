-- When a connected call was last known to be alive (both sides there), written every few seconds by the call
-- desk. A call cut by a server crash is recorded as ending at this time, not at the restart, so its duration is true.
alter table calls add column alive_at bigint;
