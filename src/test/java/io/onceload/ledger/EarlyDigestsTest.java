package io.onceload.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyDigestsTest {

    @TempDir
    Path dir;

    @Test
    void anUnchangedFileGetsTheChecksumComputedEarlyOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        String sha256 = Sha256.read(file);

        assertThat(EarlyDigests.start(file).orElseThrow().join()).isEqualTo(sha256);
        assertThat(EarlyDigests.take(dir.resolve("./a.csv"))).contains(sha256);
        assertThat(EarlyDigests.take(file)).as("used once").isEmpty();
    }

    @Test
    void aFileRewrittenWithItsOldSizeAndTimeIsReadAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        FileTime seen = Files.getLastModifiedTime(file);
        EarlyDigests.start(file).orElseThrow().join();
        Files.writeString(file, "id\n2\n");
        Files.setLastModifiedTime(file, seen);

        assertThat(EarlyDigests.take(file)).isEmpty();
    }

    @Test
    void aFileReplacedByACopyWithItsOldSizeAndTimeIsReadAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        Path copy = Files.writeString(dir.resolve("copy.tmp"), "id\n2\n");
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(file));
        EarlyDigests.start(file).orElseThrow().join();
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);

        assertThat(EarlyDigests.take(file)).isEmpty();
        assertThat(Sha256.of(file)).isEqualTo(Sha256.read(file));
    }

    @Test
    void aFileWrittenAgainAtThePathOfAnUntakenOneIsChecksummedAfresh() throws Exception {
        Path spool = Files.writeString(dir.resolve("spool.csv"), "id\n1\n");
        EarlyDigests.start(spool).orElseThrow().join();
        Files.delete(spool);
        Files.writeString(spool, "id\n2\n");

        assertThat(EarlyDigests.start(spool).orElseThrow().join()).isEqualTo(Sha256.read(spool));
        assertThat(EarlyDigests.take(spool)).contains(Sha256.read(spool));
    }

    @Test
    void aFileThatGrewIsReadAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("grown.csv"), "id\n1\n");
        EarlyDigests.start(file).orElseThrow().join();
        Files.writeString(file, "id\n1\n2\n");

        assertThat(Sha256.of(file)).isEqualTo(Sha256.read(file));
    }

    @Test
    void aMissingFileIsLeftToTheLoad() {
        assertThat(EarlyDigests.start(dir.resolve("absent.csv"))).isEmpty();
        assertThat(EarlyDigests.take(dir.resolve("absent.csv"))).isEmpty();
    }
}
