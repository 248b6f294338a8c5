package dev.ktrdr.examples.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer token every route but {@code /health} requires. Compared in constant time: both sides are
 * hashed with SHA-256 first, so neither the content nor the length of the token leaks through timing.
 * The token itself is never printed or logged.
 */
final class ApiToken {
    /** The environment variable that sets the token. */
    static final String ENV = "KTRDR_API_TOKEN";
    /** Shortest token accepted from the environment or a file. */
    static final int MIN_LENGTH = 16;
    private static final int MAX_FILE_BYTES = 4096;

    private final byte[] digest;

    private ApiToken(String token) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the API token must have at least " + MIN_LENGTH + " characters");
        }
        this.digest = sha256(token);
    }

    /**
     * @param token the token
     * @return the token holder
     */
    static ApiToken of(String token) {
        return new ApiToken(token);
    }

    /** Where a token came from: the environment, or the file it was read from or written to. */
    record Loaded(ApiToken token, String origin, boolean generated) {
    }

    /**
     * The token of {@link #ENV} when set; else the one in {@code file}, created with 32 random bytes
     * (SecureRandom, base64url) readable and writable only by the user when it does not exist yet.
     *
     * @param env the value of the environment variable (may be null)
     * @param file the token file
     * @return the token and where it came from
     */
    static Loaded load(String env, Path file) {
        if (env != null && !env.isBlank()) {
            return new Loaded(new ApiToken(env.strip()), "environment variable " + ENV, false);
        }
        try {
            if (Files.exists(file)) {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw new IllegalArgumentException("token file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
                }
                requireOwnerOnly(file);
                return new Loaded(new ApiToken(Files.readString(file, StandardCharsets.UTF_8).strip()), file.toString(), false);
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return new Loaded(new ApiToken(token), file.toString(), true);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("token file " + file + " appeared while it was being created; start again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean posix(Path file) {
        Path p = file.toAbsolutePath().getParent();
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        if (!posix(file)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : perms) {
            if (p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE) {
                throw new IllegalArgumentException("token file " + file + " has permissions "
                        + PosixFilePermissions.toString(perms) + "; it must be readable only by its owner (chmod 600)");
            }
        }
    }

    /**
     * @param authorization the request's {@code Authorization} header (may be null)
     * @return true when it is {@code Bearer <this token>}
     */
    boolean accepts(String authorization) {
        Optional<String> given = bearer(authorization);
        // always hash and compare, also when the header is missing, so that timing says nothing
        byte[] d = sha256(given.orElse(""));
        return MessageDigest.isEqual(digest, d) && given.isPresent();
    }

    private static Optional<String> bearer(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
