-- One row per order date and currency: the orders that are not cancelled, and their revenue. :partitions is every
-- order_date the load touched (in the file, or where a changed order was before), so a date whose orders were all
-- cancelled or moved away produces no row, and its old row is deleted.
SELECT order_date, currency, count(*) AS orders, sum(total_amount) AS revenue
  FROM orders
 WHERE order_date = ANY(:partitions)
   AND status <> 'cancelled'
 GROUP BY order_date, currency
