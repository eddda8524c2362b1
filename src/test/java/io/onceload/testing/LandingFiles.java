package io.onceload.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/** Day files in a landing folder, as an upstream system drops them for a pipeline with {@code source}. */
public final class LandingFiles {

    public static final String HEADER = "order_id,customer_id,order_date,status,total_amount,currency,updated_at\n";

    private final Path folder;

    public LandingFiles(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** The {@code source} parameter for these files. */
    public String pattern() {
        return folder + "/orders_{date}.csv";
    }

    /** Two orders of the day's own, numbered by the day so days never share keys. */
    public Path write(LocalDate date) throws IOException {
        int base = date.getDayOfMonth() * 100;
        return write(date, (base + 1) + ",1," + date + ",paid,10.00,EUR," + date + "T01:00:00Z\n"
                + (base + 2) + ",2," + date + ",paid,20.00,EUR," + date + "T01:00:00Z\n");
    }

    public Path write(LocalDate date, String rows) throws IOException {
        return Files.writeString(folder.resolve("orders_" + date + ".csv"), HEADER + rows);
    }

    public static Instant at(LocalDate date, String time) {
        return Instant.parse(date + "T" + time + "Z");
    }
}
