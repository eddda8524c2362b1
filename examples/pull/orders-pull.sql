-- Rows changed since the last pull. `>=` and not `>`: rows sharing the watermark's value that arrived after the
-- last pull are taken too, and the key absorbs the ones already loaded. ORDER BY the key keeps an unchanged result
-- byte-identical, so a re-run is `skipped`.
SELECT id          AS order_id,
       customer    AS customer_id,
       ordered_on  AS order_date,
       state       AS status,
       amount      AS total_amount,
       currency,
       updated_at
FROM shop_orders
WHERE updated_at >= coalesce(:watermark::timestamptz, '-infinity')
ORDER BY id
