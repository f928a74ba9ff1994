-- The largest lease token that has written payments: the payments worker writes only
-- "where fence <= :token", so a holder that stalled past its lease (a frozen VM, a long GC pause)
-- changes no row once another instance has taken the lease over and written with a larger token.
create table payments_fence (
    name   varchar(64) not null primary key,
    fence  bigint      not null
);

insert into payments_fence (name, fence) values ('payments', 0);
