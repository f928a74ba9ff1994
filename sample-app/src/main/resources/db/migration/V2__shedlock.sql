-- ShedLock's lock table: cluster-singleton workers (payments under the postgres profile).
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
