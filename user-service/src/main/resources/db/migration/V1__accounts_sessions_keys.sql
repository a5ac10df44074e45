create table accounts (
    id            uuid primary key,
    username      varchar(32)  not null,
    password_hash varchar(255) not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
-- usernames are stored lower-case; the index is what makes "taken" atomic under concurrent sign-ups
create unique index accounts_username_key on accounts (username);

create table sessions (
    id                  uuid primary key,
    account_id          uuid        not null references accounts (id) on delete cascade,
    -- SHA-256 of the opaque id held by the browser; the id itself is never stored
    token_hash          bytea       not null,
    kind                varchar(16) not null,
    created_at          timestamptz not null,
    last_seen_at        timestamptz not null,
    idle_expires_at     timestamptz not null,
    absolute_expires_at timestamptz not null,
    revoked_at          timestamptz,
    user_agent          varchar(255),
    client_address      varchar(64)
);
create unique index sessions_token_hash_key on sessions (token_hash);
create index sessions_account_idx on sessions (account_id, created_at desc);

create table signing_keys (
    kid             varchar(64) primary key,
    private_key_pem text        not null,
    public_jwk      text        not null,
    created_at      timestamptz not null,
    activates_at    timestamptz not null
);

create table login_throttle (
    throttle_key    varchar(300) primary key,
    failures        integer      not null,
    last_failure_at timestamptz  not null
);
