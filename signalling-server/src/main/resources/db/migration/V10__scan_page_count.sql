-- How many pages a kept scan had. Its pages leave scan_pages for the PDF once kept, so without this the scan would
-- read as "0 pages" beside the document that holds them.
alter table scan_sessions add column page_count integer;
