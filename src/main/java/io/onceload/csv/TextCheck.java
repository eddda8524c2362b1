package io.onceload.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Names what a file that is not CSV text in the declared encoding really is, and where its first bad bytes are. */
final class TextCheck {

    /** Bytes inspected for signatures and NUL bytes: the block git looks at to tell binary from text. */
    static final int SNIFF_BYTES = 8192;
    private static final int EXCERPT_BYTES = 60;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] GZIP = HEX.parseHex("1f8b");
    private static final byte[] ZIP = HEX.parseHex("504b0304");

    private record Bom(String name, byte[] bytes, List<String> encodings) {
    }

    // UTF-32LE before UTF-16LE: its mark begins with the same two bytes
    private static final List<Bom> BOMS = List.of(
            new Bom("UTF-32BE", HEX.parseHex("0000feff"), List.of("UTF-32", "UTF-32BE")),
            new Bom("UTF-32LE", HEX.parseHex("fffe0000"), List.of("UTF-32", "UTF-32LE")),
            new Bom("UTF-8", HEX.parseHex("efbbbf"), List.of("UTF-8")),
            new Bom("UTF-16BE", HEX.parseHex("feff"), List.of("UTF-16", "UTF-16BE")),
            new Bom("UTF-16LE", HEX.parseHex("fffe"), List.of("UTF-16", "UTF-16LE")));

    private TextCheck() {
    }

    /** Fails a compressed or binary file, or one whose byte-order mark contradicts {@code encoding}, by its cause. */
    static void requireText(Path file, Charset encoding) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (startsWith(head, GZIP)) {
            throw new BadFileException(file, "the file is gzip-compressed (it starts with bytes 1f 8b), not CSV text:"
                    + " decompress it (gunzip) and load the CSV inside");
        }
        if (startsWith(head, ZIP)) {
            throw new BadFileException(file, "the file is a ZIP archive (it starts with 'PK', as an Excel .xlsx"
                    + " workbook does), not CSV text: extract the CSV, or save the sheet as CSV");
        }
        for (Bom bom : BOMS) {
            if (startsWith(head, bom.bytes())) {
                if (!bom.encodings().contains(encoding.name())) {
                    throw new BadFileException(file, "the file starts with a " + bom.name() + " byte-order mark"
                            + " (bytes " + HexFormat.ofDelimiter(" ").formatHex(bom.bytes()) + ") but the pipeline's"
                            + " encoding is " + encoding.name() + ": set encoding: " + bom.encodings().get(0));
                }
                break;
            }
        }
        // in UTF-16 and UTF-32 text NUL bytes are normal; in the single-byte-newline encodings they mean binary
        if (encoding.canEncode() && "\n".getBytes(encoding).length == 1) {
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    throw new BadFileException(file, "the file holds binary data, not CSV text: a NUL byte at "
                            + lineAt(head, i) + " (byte offset " + i + "); UTF-16 or UTF-32 text without a"
                            + " byte-order mark needs encoding: UTF-16LE, UTF-16BE, …");
                }
            }
        }
    }

    /** The error for the first bytes {@code encoding} cannot decode, with their line, offset and an excerpt. */
    static BadFileException undecodable(Path file, Charset encoding, Exception cause) {
        String advice = "; check the pipeline's encoding parameter"
                + (encoding.equals(StandardCharsets.UTF_8)
                ? " (files saved by Excel or other Windows programs are often windows-1252)" : "");
        try {
            String where = locate(file, encoding);
            if (where != null) {
                return new BadFileException(file, "bytes that are not valid in the declared encoding "
                        + encoding.name() + " " + where + advice);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        // the bytes decode now: the file changed since it was read
        return new BadFileException(file, "bytes that are not valid in the declared encoding " + encoding.name()
                + ": " + cause.getMessage() + advice);
    }

    private static String locate(Path file, Charset encoding) throws IOException {
        CharsetDecoder decoder = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long before = 0;
        long line = 1;
        boolean afterCr = false;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            boolean end = false;
            while (true) {
                end = end || channel.read(in) < 0;
                in.flip();
                CoderResult result = decoder.decode(in, out, end);
                out.flip();
                // physical lines counted as the CSV parser counts them: CR, LF and CRLF each end one
                while (out.hasRemaining()) {
                    char c = out.get();
                    line += c == '\r' || c == '\n' && !afterCr ? 1 : 0;
                    afterCr = c == '\r';
                }
                out.clear();
                if (result.isError()) {
                    long offset = before + in.position();
                    byte[] bad = new byte[result.length()];
                    in.get(bad);
                    return "at line " + line + " (byte offset " + offset + "): " + hexBytes(bad) + " in "
                            + excerpt(channel, offset, bad.length);
                }
                before += in.position();
                in.compact();
                if (end && result.isUnderflow()) {
                    return null;
                }
            }
        }
    }

    /** The bad bytes' line around them, printable ASCII as is and every other byte as {@code \xNN}. */
    private static String excerpt(SeekableByteChannel channel, long offset, int length) throws IOException {
        long from = Math.max(0, offset - EXCERPT_BYTES);
        ByteBuffer window = ByteBuffer.allocate((int) (offset - from) + length + EXCERPT_BYTES);
        channel.position(from);
        while (window.hasRemaining() && channel.read(window) > 0) {
            // read until the window is full or the file ends
        }
        byte[] bytes = Arrays.copyOf(window.array(), window.position());
        int start = (int) (offset - from);
        while (start > 0 && bytes[start - 1] != '\n' && bytes[start - 1] != '\r') {
            start--;
        }
        int stop = (int) (offset - from) + length;
        while (stop < bytes.length && bytes[stop] != '\n' && bytes[stop] != '\r') {
            stop++;
        }
        StringBuilder text = new StringBuilder("'");
        for (int i = start; i < stop; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                text.append((char) b);
            } else {
                text.append("\\x").append(HEX.toHexDigits((byte) b));
            }
        }
        return text.append('\'').toString();
    }

    private static String hexBytes(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(hex.length() == 0 ? "" : " ").append("0x").append(HEX.toHexDigits(b));
        }
        return hex.toString();
    }

    private static String lineAt(byte[] head, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += head[i] == '\r' || head[i] == '\n' && (i == 0 || head[i - 1] != '\r') ? 1 : 0;
        }
        return "line " + line;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
