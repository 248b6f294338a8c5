package dev.ktrdr.storage;

import java.util.List;
import java.util.Map;

/**
 * One look at a strategy directory, by names and attributes only (nothing is read but the pointers):
 * the complete versions, the entries that carry a version name but are not complete versions, and what
 * every {@code latest} pointer says. Equal listings taken one after the other mean that nothing visible
 * changed in between, which is how a reader tells a concurrent save, prune or delete from damage.
 *
 * @param versions complete versions, in {@link FileModelStore#versions} order
 * @param rejected entries with a version name that are not complete versions, with the reason
 * @param pointers per series key ({@code {scope}_{timeframes}}), what its pointer file says
 */
record StoreListing(List<VersionInfo> versions, List<Rejected> rejected, Map<String, Pointer> pointers) {
    StoreListing {
        versions = List.copyOf(versions);
        rejected = List.copyOf(rejected);
        pointers = Map.copyOf(pointers);
    }

    /**
     * An entry with a version name that is not a complete version.
     *
     * @param name its parsed name
     * @param reason why it is not a version, one line
     */
    record Rejected(VersionName name, String reason) {
    }

    /**
     * A {@code latest-{series}} pointer file.
     *
     * @param target the version it names, or null when it names none
     * @param problem why it names none (a link, not a regular file, unreadable text), or null
     */
    record Pointer(VersionName target, String problem) {
    }
}
