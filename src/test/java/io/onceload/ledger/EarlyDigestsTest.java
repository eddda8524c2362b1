package io.onceload.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyDigestsTest {

    @TempDir
    Path dir;

    @Test
    void anUnchangedFileGetsTheChecksumComputedEarly() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        String before = Sha256.read(file);
        FileTime seen = Files.getLastModifiedTime(file);
        assertThat(EarlyDigests.start(file).orElseThrow().join()).isEqualTo(before);
        // same size, same time, other bytes: only the early checksum can still say "before"
        Files.writeString(file, "id\n2\n");
        Files.setLastModifiedTime(file, seen);

        assertThat(Sha256.of(file)).isEqualTo(before);
        assertThat(Sha256.of(file)).as("used once").isEqualTo(Sha256.read(file)).isNotEqualTo(before);
    }

    @Test
    void aFileChangedSinceIsReadAgain() throws Exception {
        Path grown = Files.writeString(dir.resolve("grown.csv"), "id\n1\n");
        EarlyDigests.start(grown);
        Files.writeString(grown, "id\n1\n2\n");
        Path touched = Files.writeString(dir.resolve("touched.csv"), "id\n1\n");
        FileTime seen = Files.getLastModifiedTime(touched);
        EarlyDigests.start(touched);
        Files.writeString(touched, "id\n3\n");
        Files.setLastModifiedTime(touched, FileTime.fromMillis(seen.toMillis() + 1000));

        assertThat(Sha256.of(grown)).isEqualTo(Sha256.read(grown));
        assertThat(Sha256.of(touched)).isEqualTo(Sha256.read(touched));
    }

    @Test
    void aMissingFileIsLeftToTheLoad() {
        assertThat(EarlyDigests.start(dir.resolve("absent.csv"))).isEmpty();

        assertThat(EarlyDigests.take(dir.resolve("absent.csv"))).isEmpty();
    }
}
