package io.onceload.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Deterministic orders CSVs (fixed seed): the base file and its "changed" variant, where 1% of the rows have new
 * values and a newer updated_at and 1% are new keys. About 5% of the rows carry a quoted status with a comma.
 */
public final class OrdersGenerator {

    static final String HEADER = "order_id,customer_id,order_date,status,total_amount,currency,updated_at\n";
    private static final String[] STATUS = {"placed", "paid", "shipped", "delivered", "cancelled"};
    private static final String[] CURRENCY = {"EUR", "USD", "GBP", "CHF"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);

    private OrdersGenerator() {
    }

    /** Writes {@code orders-<rows>.csv} and {@code orders-<rows>-changed.csv} into {@code dir} unless present. */
    public static Path[] generate(Path dir, long rows) throws IOException {
        Files.createDirectories(dir);
        Path base = dir.resolve("orders-" + rows + ".csv");
        Path changed = dir.resolve("orders-" + rows + "-changed.csv");
        if (Files.exists(base) && Files.exists(changed)) {
            return new Path[] {base, changed};
        }
        SplittableRandom random = new SplittableRandom(20261123L);
        try (BufferedWriter out = Files.newBufferedWriter(base, StandardCharsets.UTF_8);
             BufferedWriter alt = Files.newBufferedWriter(changed, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            alt.write(HEADER);
            StringBuilder line = new StringBuilder(96);
            for (long id = 1; id <= rows; id++) {
                long customer = 1 + random.nextLong(50_000);
                int day = random.nextInt(365);
                String status = random.nextInt(20) == 0 ? "\"held, review\"" : STATUS[random.nextInt(STATUS.length)];
                long cents = 100 + random.nextLong(2_500_000);
                String currency = CURRENCY[random.nextInt(CURRENCY.length)];
                int second = random.nextInt(86_400);
                write(line, id, customer, day, status, cents, currency, second);
                out.append(line);
                if (id % 100 == 0) {
                    write(line, id, customer, day, "paid", cents + 1, currency, Math.min(second + 3600, 86_399));
                }
                alt.append(line);
            }
            for (long id = rows + 1; id <= rows + rows / 100; id++) {
                write(line, id, 1 + random.nextLong(50_000), 364, "placed", 999, "EUR", 43_200);
                alt.append(line);
            }
        }
        return new Path[] {base, changed};
    }

    private static void write(StringBuilder line, long id, long customer, int day, String status, long cents,
                              String currency, int second) {
        LocalDate date = FIRST_DAY.plusDays(day);
        line.setLength(0);
        line.append(id).append(',').append(customer).append(',').append(date).append(',').append(status).append(',')
                .append(cents / 100).append('.').append(String.format("%02d", cents % 100)).append(',')
                .append(currency).append(',').append(date).append('T')
                .append(String.format("%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60)).append("Z\n");
    }
}
