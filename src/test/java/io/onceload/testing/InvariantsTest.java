package io.onceload.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker itself: silent on a clean run, and each broken invariant named with its evidence. */
class InvariantsTest {

    private static final String HEADER = "order_id,customer_id,order_date,status,total_amount,currency,updated_at\n";
    private static final String A = HEADER + "1,1,2026-10-01,paid,1.00,EUR,2026-10-01T10:00:00Z\n"
            + "2,1,2026-10-01,paid,2.00,EUR,2026-10-01T10:00:00Z\n"
            + "3,2,2026-10-02,placed,3.00,EUR,2026-10-02T10:00:00Z\n";
    private static final String B = HEADER + "3,2,2026-10-02,shipped,3.00,EUR,2026-10-03T10:00:00Z\n"
            + "4,x,2026-10-03,placed,4.00,EUR,2026-10-03T10:00:00Z\n";

    @TempDir
    Path home;

    private Path inbox;
    private Reference reference;
    private Invariants invariants;

    @BeforeEach
    void twoFilesLoadedByTheService() throws Exception {
        Orders.reset();
        Cli.configure(home);
        try (TestApp app = TestApp.start(home, "orders", TestApp.pipeline("orders", "max-rejects", "5"))) {
            app.dropAndAwait("orders", A, "a.csv");
            app.dropAndAwait("orders", B, "b.csv");
        }
        inbox = home.resolve("inbox/orders");
        reference = Reference.capture("invariants_test", "orders", "public.orders", inbox);
        invariants = new Invariants(inbox, "orders", List.of("a.csv", "b.csv"));
    }

    @Test
    void aCleanRunBreaksNothingAndItsReplayWritesNothing() throws Exception {
        assertThat(reference.files()).containsOnlyKeys("a.csv", "b.csv");
        assertThat(reference.rejects()).containsExactly(List.of("b.csv", "3", "customer_id",
                reference.rejects().iterator().next().get(3)));

        assertThat(invariants.check(reference)).isEmpty();
        assertThat(invariants.idem(home, reference)).isEmpty();
    }

    @Test
    void eachBrokenInvariantIsNamedWithItsEvidence() throws Exception {
        TestDatabase.execute("UPDATE public.orders SET status = 'lost' WHERE order_id = 2",
                "DELETE FROM onceload.file_ledger WHERE file_name = 'b.csv'");
        Path done = inbox.resolve(".done").resolve(LocalDate.now(ZoneOffset.UTC).toString());
        Files.copy(done.resolve("a.csv"), inbox.resolve("a.csv"));
        Files.delete(inbox.resolve(".rejected/b.csv.rejects.csv"));
        Files.writeString(inbox.resolve(".rejected/b.csv.rejects.2.csv"), "file,line,column,reason,record\n");

        List<String> violations = invariants.check(reference);

        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("EQ:")
                .contains("1 rows in public.orders that the clean run does not have").contains("lost"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("EQ:").contains("missing").contains("paid"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("ATOM: the ledger holds"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("ATOM: published runs whose content"));
        assertThat(violations).anySatisfy(v -> assertThat(v).isEqualTo("CONS: a.csv is duplicated: [a.csv, .done/"
                + done.getFileName() + "/a.csv]"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("CONS: .done/")
                .contains("b.csv was archived as done but its content").endsWith("is not in the ledger"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("DIAG: 1 rejected rows in no rejects file"));
        assertThat(violations).anySatisfy(v -> assertThat(v)
                .isEqualTo("DIAG: .rejected/b.csv.rejects.2.csv holds 0 rows, the clean run rejected 1 of b.csv: []"));
        assertThat(invariants.checkAfterCrash(List.of(reference))).first().asString()
                .startsWith("ATOM: the ledger holds").contains("no clean run over a prefix");
    }

    @Test
    void aRowRewrittenByTheReplayBreaksIdem() throws Exception {
        TestDatabase.execute("UPDATE public.orders SET status = 'placed' WHERE order_id = 3");

        assertThat(invariants.idem(home, reference))
                .anySatisfy(v -> assertThat(v).startsWith("IDEM: reprocess of b.csv"))
                .anySatisfy(v -> assertThat(v).startsWith("IDEM: replaying").contains("[0, 1, 0]"));
    }
}
