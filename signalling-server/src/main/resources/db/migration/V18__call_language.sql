-- The language the resident chose on the kiosk (a BCP 47 code such as pl or ur; null for calls from before it was
-- asked). Shown to the advisor, kept with the call for the case's history, and used to prefer advisors who speak it.
alter table calls add column language varchar(16);
