package io.onceload.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.onceload.testing.Cli;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notification mails through a real SMTP server on 127.0.0.1 that requires a login. */
class MailTest {

    private static final String PASSWORD = "Mail-pw-93b1";

    @TempDir
    Path home;

    private GreenMail smtp;
    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.mailed", "CREATE TABLE public.mailed (id int PRIMARY KEY, v text)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'mailed'",
                "DELETE FROM onceload.run WHERE pipeline = 'mailed'", "DELETE FROM onceload.outbox");
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        smtp.setUser("ops@example.org", "onceload", PASSWORD);
        Cli.configure(home);
        service = TestApp.start(home, "mailed", TestApp.pipeline("mailed", "notify", "smtp://onceload:" + PASSWORD
                + "@127.0.0.1:" + smtp.getSmtp().getPort(), "notify-mail-to", "ops@example.org", "notify-mail-from",
                "onceload@example.org", "notify-on", "published,failed", "notify-backoff-ms", "10"));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        smtp.stop();
    }

    @Test
    void oneMailPerOutcomeWithTheDedupKeyInItsMessageIdAndNoPasswordAnywhere() throws Exception {
        service.dropAndAwait("mailed", "id,v\n1,a\n", "one.csv");
        service.dropAndAwait("mailed", "id,v\n1,a\n", "again.csv");
        service.dropAndAwait("mailed", "id,nope\n1,a\n", "bad.csv");
        TestApp.await("two mails", Duration.ofSeconds(30), () -> smtp.getReceivedMessages().length >= 2);
        TestApp.await("both marked sent", Duration.ofSeconds(30), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.outbox WHERE status = 'sent'") == 2);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails[0].getSubject()).isEqualTo("onceload mailed: published");
        assertThat(mails[1].getSubject()).isEqualTo("onceload mailed: failed");
        assertThat(mails[0].getFrom()[0].toString()).isEqualTo("onceload@example.org");
        List<String> keys = TestDatabase.rows("SELECT dedup_key FROM onceload.outbox ORDER BY id").stream()
                .map(row -> row.get(0)).toList();
        assertThat(mails[0].getHeader("X-Onceload-Dedup-Key")[0]).isEqualTo(keys.get(0));
        assertThat(mails[0].getMessageID()).matches("<[0-9a-f]{40}@onceload>");
        assertThat(mails[0].getMessageID()).isNotEqualTo(mails[1].getMessageID());
        assertThat(((String) mails[0].getContent()).strip()).contains("\"event\":\"published\"", keys.get(0));

        String shown = TestDatabase.rows("SELECT * FROM onceload.outbox").toString() + Cli.run(home, "notifications")
                .out();
        assertThat(shown).contains("smtp://127.0.0.1:" + smtp.getSmtp().getPort()).doesNotContain(PASSWORD);
    }
}
