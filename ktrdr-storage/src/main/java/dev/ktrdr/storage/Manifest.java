package dev.ktrdr.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.api.ModelException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json}: the SHA-256 of every other file of a version directory, plus a SHA-256 of the
 * manifest's own content ({@code self_sha256}). The manifest is written in one canonical form and read
 * back strictly (re-serialised and compared byte for byte), so that any changed byte in the manifest
 * itself is reported as a damaged {@code manifest.json} rather than as a mismatch of another file.
 *
 * @param version manifest version
 * @param libraryVersion the library version that wrote it
 * @param files file name to lower-case hex SHA-256, sorted by name
 */
record Manifest(int version, String libraryVersion, Map<String, String> files) {
    static final String FILE = "manifest.json";
    static final int VERSION = 1;

    Manifest {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    byte[] toBytes() {
        ObjectNode o = LimitedJson.object();
        o.put("manifest_version", version);
        o.put("library_version", libraryVersion);
        o.put("algorithm", "sha-256");
        ObjectNode f = o.putObject("files");
        files.forEach(f::put);
        o.put("self_sha256", selfHash());
        return LimitedJson.write(o);
    }

    private String selfHash() {
        StringBuilder sb = new StringBuilder();
        sb.append("manifest_version:").append(version).append('\n');
        sb.append("library_version:").append(libraryVersion).append('\n');
        files.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes the bytes of manifest.json
     * @param where the file, for messages
     * @return the manifest, verified against its own hash and canonical form
     * @throws ModelException naming manifest.json when anything is wrong with it
     */
    static Manifest parse(byte[] bytes, String where) {
        ObjectNode o;
        try {
            o = LimitedJson.read(bytes, where);
        } catch (ModelException e) {
            throw new ModelException("checksum manifest is damaged: " + e.getMessage(), e);
        }
        MetadataJson.Fields f = new MetadataJson.Fields(o, where);
        Manifest m;
        try {
            int version = f.integer("manifest_version");
            String lib = f.text("library_version");
            if (version > VERSION) {
                throw new ModelException(where + ": manifest version " + version + " was written by a newer library version "
                        + lib + "; this library reads up to manifest version " + VERSION);
            }
            Map<String, String> files = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : f.object("files").properties()) {
                if (!e.getValue().isTextual()) {
                    throw new ModelException(where + ": files." + e.getKey() + " is not a string");
                }
                files.put(e.getKey(), e.getValue().textValue());
            }
            m = new Manifest(version, lib, files);
            if (!m.selfHash().equals(f.text("self_sha256"))) {
                throw new ModelException("checksum manifest is damaged: " + where + " does not match its own self_sha256");
            }
        } catch (ModelException e) {
            if (e.getMessage().contains("newer library version") || e.getMessage().startsWith("checksum manifest")) {
                throw e;
            }
            throw new ModelException("checksum manifest is damaged: " + e.getMessage(), e);
        }
        if (!Arrays.equals(m.toBytes(), bytes)) {
            throw new ModelException("checksum manifest is damaged: " + where + " is not in its canonical form (edited?)");
        }
        return m;
    }

    static String sha256(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder sb = new StringBuilder(64);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
