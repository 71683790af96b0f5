create trigger audit_log_append_only
    before update, delete on audit_log
    for each row call 'uk.gov.council.cap.server.audit.AppendOnlyTrigger';
