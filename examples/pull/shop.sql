-- The operational database the pull example reads: an online shop's orders, changed in place as they are paid,
-- shipped or refunded; updated_at moves with every change.
CREATE TABLE shop_orders (
    id          bigint        PRIMARY KEY,
    customer    bigint        NOT NULL,
    ordered_on  date          NOT NULL,
    state       text          NOT NULL,
    amount      numeric(12,2) NOT NULL,
    currency    text          NOT NULL DEFAULT 'EUR',
    updated_at  timestamptz   NOT NULL DEFAULT now()
);

INSERT INTO shop_orders (id, customer, ordered_on, state, amount, updated_at) VALUES
    (9001, 1, '2026-11-20', 'paid',     19.90, '2026-11-20 09:00:00+00'),
    (9002, 2, '2026-11-20', 'paid',     45.00, '2026-11-20 09:30:00+00'),
    (9003, 3, '2026-11-21', 'open',     12.50, '2026-11-21 14:00:00+00');
