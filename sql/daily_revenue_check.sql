-- Every date and currency whose daily_revenue row differs from the aggregate over orders (no row: the check passes).
WITH expected AS (
    SELECT order_date, currency, count(*) AS orders, sum(total_amount) AS revenue
      FROM orders
     WHERE status <> 'cancelled'
     GROUP BY order_date, currency
)
SELECT coalesce(e.order_date, d.order_date) AS order_date, coalesce(e.currency, d.currency) AS currency,
       e.revenue AS expected, d.revenue AS stored
  FROM expected e
  FULL JOIN daily_revenue d ON d.order_date = e.order_date AND d.currency = e.currency
 WHERE (e.orders, e.revenue) IS DISTINCT FROM (d.orders, d.revenue)
 ORDER BY 1, 2
