package io.onceload.testing;

import java.util.List;

/** Reads and resets the example {@code orders} table and onceload's bookkeeping between tests. */
public final class Orders {

    private Orders() {
    }

    public static void reset() {
        TestDatabase.execute("TRUNCATE public.orders, public.daily_revenue", "DELETE FROM onceload.file_ledger",
                "DELETE FROM onceload.watermark", "DELETE FROM onceload.run");
    }

    /** Every row in key order, as text: the value-by-value picture two loads must agree on. */
    public static List<List<String>> snapshot() {
        return TestDatabase.rows("SELECT order_id, customer_id, order_date, status, total_amount, currency,"
                + " updated_at FROM public.orders ORDER BY order_id");
    }

    /** Row versions: a row that was rewritten gets a new xmin even when its values are the same. */
    public static List<List<String>> versions() {
        return TestDatabase.rows("SELECT order_id, xmin::text, ctid::text FROM public.orders ORDER BY order_id");
    }

    public static String sum() {
        return TestDatabase.scalar("SELECT sum(total_amount) FROM public.orders");
    }

    public static long count() {
        return TestDatabase.count("SELECT count(*) FROM public.orders");
    }
}
