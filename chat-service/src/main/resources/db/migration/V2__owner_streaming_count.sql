-- A reply start (ReplyStarts) is one statement sent on its own: this function takes the owner's advisory lock (held
-- until that statement's transaction ends) and then counts the owner's replies being generated. Being VOLATILE, it
-- counts with a snapshot taken after the lock was granted, so a start committed by another replica just before is
-- seen; the calling statement's own snapshot is older than the lock. This replaces BEGIN / lock / statement / COMMIT,
-- four round trips' worth of work for PostgreSQL and the client, with one.
create function lock_owner_count_streaming(p_owner uuid) returns bigint
    language plpgsql volatile as
$$
begin
    perform pg_advisory_xact_lock(hashtextextended(p_owner::text, 0));
    return (select count(*) from messages where owner_id = p_owner and status = 'streaming');
end
$$;
