package dev.ktrdr.api.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Strict decoding of text files and escaping of text echoed into messages.
 *
 * <p>Text is decoded with a {@link CharsetDecoder} that {@link CodingErrorAction#REPORT reports}
 * malformed and unmappable input; the message names the file, the byte offset and what is wrong
 * (malformed UTF-8 sequence, a UTF-16 or UTF-32 byte-order mark, a NUL byte of binary content) instead
 * of the JDK's bare "Input length = 1". Text from a file that goes into a message passes through
 * {@link #printable}, so control characters are never echoed raw.
 *
 * <p>Internal-use helper of the library's modules (see the package comment). Stateless, thread-safe.
 */
public final class StrictText {
    private StrictText() {
    }

    /**
     * Decodes UTF-8 bytes strictly. A leading UTF-8 byte-order mark is dropped.
     *
     * @param bytes the bytes
     * @param name the file name for messages
     * @return the text
     * @throws FileRefusedException naming the file, the byte offset and the problem when the bytes
     *     start with a UTF-16/UTF-32 byte-order mark, contain a NUL byte or are not valid UTF-8
     */
    public static String decodeUtf8(byte[] bytes, String name) throws FileRefusedException {
        String file = printable(name);
        int n = bytes.length;
        if (n >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
            throw new FileRefusedException(file + ": byte offset 0: starts with a UTF-16 byte-order mark; the file must be UTF-8 text");
        }
        if (n >= 4 && bytes[0] == 0 && bytes[1] == 0 && (bytes[2] & 0xff) == 0xFE && (bytes[3] & 0xff) == 0xFF) {
            throw new FileRefusedException(file + ": byte offset 0: starts with a UTF-32 byte-order mark; the file must be UTF-8 text");
        }
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                throw new FileRefusedException(file + ": byte offset " + i + ": NUL byte (binary content); the file must be UTF-8 text");
            }
        }
        int start = n >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, n - start);
        CharBuffer out = CharBuffer.allocate(n - start);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isUnderflow()) {
            throw refusal(file, bytes, in.position(), r);
        }
        r = dec.flush(out);
        if (!r.isUnderflow()) {
            throw refusal(file, bytes, in.position(), r);
        }
        return out.flip().toString();
    }

    private static FileRefusedException refusal(String file, byte[] bytes, int at, CoderResult r) {
        StringBuilder hex = new StringBuilder();
        int len = r.isError() ? r.length() : 1;
        for (int k = 0; k < len && at + k < bytes.length; k++) {
            hex.append(k == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", bytes[at + k] & 0xff));
        }
        String what = r.isUnmappable() ? "unmappable character" : "malformed UTF-8 sequence";
        return new FileRefusedException(file + ": byte offset " + at + ": " + what + " (" + hex
                + "); the file must be UTF-8 text");
    }

    /**
     * Wraps a decoding failure of a streaming reader in a message naming file, offset and problem.
     *
     * @param name the file name
     * @param byteOffset the offset of the offending byte
     * @param e the decoder's failure
     * @return the refusal
     */
    public static FileRefusedException refusal(String name, long byteOffset, CharacterCodingException e) {
        return new FileRefusedException(printable(name) + ": byte offset " + byteOffset + ": not valid UTF-8 ("
                + e.getClass().getSimpleName() + "); the file must be UTF-8 text", e);
    }

    /**
     * Escapes text for a one-line message: control characters (C0, DEL, C1), line and paragraph
     * separators and unpaired surrogates become {@code \}{@code uXXXX}; a backslash stays as it is.
     * Text longer than 200 characters is cut with "...".
     *
     * @param s any text, may be null
     * @return the text, safe to print on one line
     */
    public static String printable(CharSequence s) {
        if (s == null) {
            return "null";
        }
        int n = Math.min(s.length(), 200);
        StringBuilder sb = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c) && !pairedAt(s, i);
            if (bad && sb == null) {
                sb = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (bad) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            if (Character.isHighSurrogate(c) && pairedAt(s, i) && sb != null) {
                sb.append(s.charAt(++i));
            } else if (Character.isHighSurrogate(c) && pairedAt(s, i)) {
                i++;
            }
        }
        String out = sb == null ? s.subSequence(0, n).toString() : sb.toString();
        return s.length() > 200 ? out + "..." : out;
    }

    private static boolean pairedAt(CharSequence s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
