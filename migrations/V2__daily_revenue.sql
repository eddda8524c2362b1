-- The example workflow's derived table: revenue per order date and currency, rebuilt by the task
-- daily_revenue (routes/orders-tasks.camel.yaml) for the dates each load of orders touched.
CREATE TABLE IF NOT EXISTS public.daily_revenue (
    order_date date          NOT NULL,
    currency   char(3)       NOT NULL,
    orders     bigint        NOT NULL,
    revenue    numeric(14,2) NOT NULL,
    PRIMARY KEY (order_date, currency)
);
