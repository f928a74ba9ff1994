-- The leases of the resilience starter's cluster-singleton workers (resilience.cluster.leases: jdbc).
-- Every time in it is the database's own: expires_at and next_run_at are UTC.
create table if not exists resilience_lease (
    name        varchar(128) primary key,
    holder      varchar(255) not null,
    token       bigint       not null,
    expires_at  timestamp    not null,
    next_run_at timestamp
);
