-- Your own target tables live here: every V<n>__<description>.sql in this folder is applied
-- once, in version order, when onceload starts (Flyway, history in public.onceload_user_migrations).
CREATE TABLE IF NOT EXISTS public.orders (
    order_id     bigint        PRIMARY KEY,
    customer_id  bigint        NOT NULL,
    order_date   date          NOT NULL,
    status       varchar(16)   NOT NULL,
    total_amount numeric(12,2) NOT NULL,
    currency     char(3)       NOT NULL DEFAULT 'EUR',
    updated_at   timestamptz   NOT NULL
);
