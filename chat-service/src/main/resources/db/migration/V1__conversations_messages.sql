create table conversations (
    id              uuid primary key,
    -- the token's sub; no foreign key: accounts live in user-service's database
    owner_id        uuid         not null,
    title           varchar(200),
    -- true once the owner named it, so the first exchange no longer sets it
    title_set       boolean      not null default false,
    model           varchar(200),
    system_prompt   text,
    temperature     double precision,
    top_p           double precision,
    max_tokens      integer,
    -- the newest message of the branch the conversation shows
    current_leaf_id uuid,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
-- keyset paging, newest first, always within one owner
create index conversations_owner_page_idx on conversations (owner_id, updated_at desc, id desc);

create table messages (
    id                uuid primary key,
    conversation_id   uuid         not null references conversations (id) on delete cascade,
    owner_id          uuid         not null,
    parent_id         uuid         references messages (id) on delete cascade,
    role              varchar(16)  not null,
    content           text         not null default '',
    -- complete | streaming | stopped | interrupted | failed
    status            varchar(16)  not null,
    model             varchar(200),
    provider          varchar(32),
    prompt_tokens     integer,
    completion_tokens integer,
    ttft_ms           integer,
    duration_ms       integer,
    tokens_per_second double precision,
    -- the problem body that ended a failed reply
    error             text,
    -- the replica generating this reply and until when it promised to be alive
    lease_owner       uuid,
    lease_expires_at  timestamptz,
    stop_requested    boolean      not null default false,
    created_at        timestamptz  not null,
    finished_at       timestamptz
);
create index messages_conversation_idx on messages (conversation_id, created_at);
create index messages_parent_idx on messages (parent_id);
-- small partial indexes: only replies being generated are in them
create index messages_streaming_owner_idx on messages (owner_id) where status = 'streaming';
create index messages_streaming_lease_idx on messages (lease_expires_at) where status = 'streaming';
