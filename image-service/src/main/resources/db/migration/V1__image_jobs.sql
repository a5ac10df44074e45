-- One row per generation request: the job and, once it succeeds, the image's metadata. The bytes live in image_blobs
-- so that listing the gallery never reads them.
create table image_jobs (
    id               uuid primary key,
    owner_id         uuid          not null,
    model            varchar(200)  not null,
    provider         varchar(32)   not null,
    prompt           text          not null,
    negative_prompt  text,
    width            integer       not null,
    height           integer       not null,
    steps            integer,
    guidance         double precision,
    seed             bigint        not null,
    status           varchar(16)   not null,
    error_code       varchar(64),
    error_detail     text,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    lease_owner      varchar(80),
    lease_expires_at timestamptz,
    created_at       timestamptz   not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    generation_ms    integer,
    content_type     varchar(64),
    byte_size        integer,
    sha256           varchar(64)
);
create index image_jobs_gallery_idx on image_jobs (owner_id, created_at desc, id desc);
create index image_jobs_queue_idx on image_jobs (next_attempt_at) where status = 'queued';
create index image_jobs_running_idx on image_jobs (lease_expires_at) where status = 'running';

create table image_blobs (
    job_id         uuid primary key references image_jobs (id) on delete cascade,
    content        bytea       not null,
    thumbnail      bytea       not null,
    thumbnail_type varchar(32) not null
);
