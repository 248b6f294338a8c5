package dev.ktrdr.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.ModelStore;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.io.StrictText;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModelStore} on a local file system, in the layout of docs/ARCHITECTURE.md ("Model storage"):
 * <pre>
 * {root}/{strategy}/{scope}_{timeframes}_v{n}/   model.bin features.json scaler.json strategy.yaml
 *                                                metrics.json history.csv [split_plan.json] metadata.json
 *                                                manifest.json
 * {root}/{strategy}/latest-{scope}_{timeframes}  one line: the name of the current version directory
 * </pre>
 * Scope is {@code universal}, {@code group-{name}} or the symbol; timeframes are the set, finest first,
 * joined with {@code -} (see {@link VersionName}).
 *
 * <p><b>Writing</b> ({@link #save}): every file is written into a staging directory
 * {@code {strategy}/.staging-{pid}-{random}}, each file and then the directory forced to disk, and the
 * staging directory renamed in one atomic step ({@code rename(2)}) to the next free version name. A rename
 * onto an existing version fails, and the writer retries with the next number, so concurrent writers
 * (threads or processes) get distinct versions without a lock. Then the {@code latest} pointer is
 * replaced atomically (temporary file, forced, renamed over the pointer) under a lock (a JVM lock plus a
 * {@link FileLock} on {@code {strategy}/.lock}) so that it only ever moves forward. Whenever a writer
 * dies, readers see the previous state or the complete new version: names starting with {@code .} are
 * never versions, and leftover staging directories of dead processes are removed by later saves.
 *
 * <p><b>Reading</b> ({@link #load}): the manifest is checked against its own hash, every file against the
 * manifest, and only then is anything decoded; a mismatch throws a {@link ModelException} naming the file.
 * A layout or codec version newer than this library reads says "written by a newer library version X".
 * Nothing inside a strategy directory is reached through a symbolic link: versions, files, pointers and
 * the lock are opened or examined with {@link LinkOption#NOFOLLOW_LINKS}, and only regular files are read,
 * through a stream that stops at the size limit (a device such as {@code /dev/zero} or a FIFO is refused
 * from its attributes, never opened). A version removed by a concurrent prune while it is read fails with
 * a {@link ModelException} that says so, not with a damaged file.
 *
 * <p><b>Removing</b> ({@link #delete}, {@link #prune}): under the pointer lock, the version is renamed to
 * {@code .deleting-{pid}-{uuid}} in one atomic step, then its files are deleted; see {@link #delete}.
 *
 * <p>Assumes a local POSIX-like file system (atomic rename, working {@code fsync}); the dead-process
 * check for leftover staging directories uses process ids of this host. Thread-safe; safe for several
 * processes on one root.
 */
public final class FileModelStore implements ModelStore {
    /** The version of the directory layout written by this library (metadata.json {@code layout_version}). */
    public static final int LAYOUT_VERSION = 1;
    /** The model file. */
    public static final String MODEL_FILE = "model.bin";
    /** The feature spec file. */
    public static final String FEATURES_FILE = "features.json";
    /** Files of a version directory covered by the manifest, in writing order (manifest.json is written last). */
    public static final List<String> FILES = List.of(MODEL_FILE, FEATURES_FILE, "scaler.json", "strategy.yaml",
            "metrics.json", "history.csv", MetadataJson.FILE);
    /** The split plan file, written when the artifacts carry one (and then covered by the manifest). */
    public static final String SPLIT_PLAN_FILE = "split_plan.json";
    /**
     * Files a version may have (versions written before them do not): when the manifest lists one, it is
     * checked like the others.
     */
    public static final List<String> OPTIONAL_FILES = List.of(SPLIT_PLAN_FILE);
    /** The manifest file. */
    public static final String MANIFEST_FILE = Manifest.FILE;
    /** Prefix of pointer files. */
    public static final String LATEST_PREFIX = "latest-";
    /** File name prefix of deployment records, see {@link #deploy}. */
    public static final String DEPLOYED_PREFIX = "deployed-";
    /** Largest model.bin read (bytes). */
    public static final long MAX_MODEL_BYTES = 1L << 30;
    /** Largest text file of a version read (bytes). */
    public static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

    static final String STAGING = ".staging-";
    static final String POINTER_TMP = ".latest-tmp-";
    static final String DELETING = ".deleting-";
    static final String LOCK_FILE = ".lock";
    private static final Logger LOG = LoggerFactory.getLogger(FileModelStore.class);
    private static final long PID = ProcessHandle.current().pid();
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final String LIBRARY_VERSION = Optional.ofNullable(FileModelStore.class.getPackage()
            .getImplementationVersion()).orElse("development");

    private final Path root;

    /**
     * @param root the store's root directory; created when missing
     * @throws ModelException when it cannot be created
     */
    public FileModelStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new ModelException("cannot create the model store at " + this.root + ": " + e.getMessage(), e);
        }
    }

    /** @return the root directory (absolute) */
    public Path root() {
        return root;
    }

    /**
     * @param strategy a strategy name, validated as a safe path part
     * @return its directory under the root (which may not exist)
     * @throws ConfigurationException when the name is not safe
     */
    public Path strategyDirectory(String strategy) {
        SafeNames.require("strategy name", strategy, 128);
        return root.resolve(strategy);
    }

    // ------------------------------------------------------------------------------------------------ save

    @Override
    public Path save(ModelArtifacts artifacts) {
        ModelMetadata requested = artifacts.metadata();
        TradingModel model = artifacts.model();
        ModelCodec codec = ModelCodecs.forModel(model);
        FeatureSpec spec = model.featureSpec();
        FeatureSpec declared = new FeatureSpec(requested.architecture().featureNames());
        declared.firstDifference(spec).ifPresent(d -> {
            throw new ModelException("metadata and model disagree on the feature spec: " + d);
        });
        if (requested.architecture().inputSize() != spec.size()) {
            throw new ModelException("metadata architecture.input_size " + requested.architecture().inputSize()
                    + " differs from the model's " + spec.size() + " features");
        }
        VersionName probe = new VersionName(requested.scope(), requested.timeframes(), 1);
        if (!VersionName.parse(probe.dirName()).map(VersionName::scope).equals(Optional.of(requested.scope()))) {
            throw new ConfigurationException("scope", "'" + requested.scope().name() + "' cannot name a "
                    + requested.scope().kind().name().toLowerCase(java.util.Locale.ROOT) + " model: its directory name "
                    + probe.dirName() + " would read as another scope ('universal' and names starting with 'group-' are reserved)");
        }
        // metadata.json must name the codec that really wrote model.bin.
        ModelMetadata metadata = withFormat(requested, codec.formatId(), codec.formatVersion());
        if (!artifacts.strategyYaml().isBlank()) {
            SafeYaml.readMapping(artifacts.strategyYaml(), "strategy.yaml");
        }
        requireJson(artifacts.scalerJson(), "scaler.json");
        requireJson(artifacts.metricsJson(), "metrics.json");
        if (!artifacts.splitPlanJson().isEmpty()) {
            requireJson(artifacts.splitPlanJson(), SPLIT_PLAN_FILE);
        }
        byte[] modelBytes = codec.encode(model);

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(MODEL_FILE, modelBytes);
        files.put(FEATURES_FILE, featuresJson(spec, metadata.timeframes()));
        files.put("scaler.json", utf8(artifacts.scalerJson()));
        files.put("strategy.yaml", utf8(artifacts.strategyYaml()));
        files.put("metrics.json", utf8(artifacts.metricsJson()));
        files.put("history.csv", utf8(artifacts.historyCsv()));
        if (!artifacts.splitPlanJson().isEmpty()) {
            files.put(SPLIT_PLAN_FILE, utf8(artifacts.splitPlanJson()));
        }
        files.put(MetadataJson.FILE, MetadataJson.write(metadata));
        Map<String, String> hashes = new LinkedHashMap<>();
        files.forEach((k, v) -> hashes.put(k, Manifest.sha256(v)));
        byte[] manifest = new Manifest(Manifest.VERSION, LIBRARY_VERSION, hashes).toBytes();

        Path strategyDir = strategyDirectory(metadata.strategy());
        String series = VersionName.seriesKey(metadata.scope(), metadata.timeframes());
        Path staging = null;
        try {
            Files.createDirectories(strategyDir);
            requireRealDirectory(strategyDir);
            int next = scan(strategyDir, series, true) + 1;
            staging = strategyDir.resolve(STAGING + PID + "-" + UUID.randomUUID());
            Files.createDirectory(staging);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                DiskIo.writeSynced(staging.resolve(e.getKey()), e.getValue());
            }
            DiskIo.writeSynced(staging.resolve(MANIFEST_FILE), manifest);
            DiskIo.syncDirectory(staging);
            Path target = publish(staging, strategyDir, metadata.scope(), metadata.timeframes(), next, series);
            staging = null;
            DiskIo.syncDirectory(strategyDir);
            VersionName name = VersionName.parse(target.getFileName().toString()).orElseThrow();
            updateLatest(strategyDir, name, false);
            return target;
        } catch (IOException e) {
            throw new ModelException("cannot save model " + series + " of strategy " + metadata.strategy() + " under "
                    + strategyDir + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                try {
                    DiskIo.deleteTree(staging);
                } catch (IOException e) {
                    LOG.warn("could not remove staging directory {}: {}", staging, e.toString());
                }
            }
        }
    }

    private Path publish(Path staging, Path strategyDir, ModelScope scope, List<Timeframe> tfs, int first, String series)
            throws IOException {
        int n = first;
        for (int attempt = 0; attempt < 100_000; attempt++) {
            Path target = strategyDir.resolve(new VersionName(scope, tfs, n).dirName());
            // rename(2) would replace an empty directory; version directories are never empty, but a
            // foreign empty one must not be swallowed, so skip any existing name.
            if (!Files.exists(target)) {
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                } catch (AtomicMoveNotSupportedException e) {
                    throw e;
                } catch (IOException e) {
                    if (!Files.exists(target)) {
                        throw e;
                    }
                    // Another writer took n first: try the next free number.
                }
            }
            n = Math.max(n + 1, scan(strategyDir, series, false) + 1);
        }
        throw new IOException("no free version number for " + series + " after 100000 attempts");
    }

    /**
     * Scans a strategy directory: the highest version of a series, and (optionally) removal of what dead
     * writers left behind.
     */
    private int scan(Path strategyDir, String series, boolean clean) throws IOException {
        int max = 0;
        String prefix = series + "_v";
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(strategyDir)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (f.startsWith(prefix)) {
                    Optional<VersionName> v = VersionName.parse(f);
                    if (v.isPresent() && v.get().seriesKey().equals(series)) {
                        max = Math.max(max, v.get().version());
                    }
                } else if (clean && f.startsWith(".") && isLeftoverOfDeadProcess(f)) {
                    stale.add(p);
                }
            }
        }
        for (Path p : stale) {
            removeLeftover(p);
        }
        return max;
    }

    static boolean isLeftoverOfDeadProcess(String name) {
        String rest;
        if (name.startsWith(STAGING)) {
            rest = name.substring(STAGING.length());
        } else if (name.startsWith(POINTER_TMP)) {
            rest = name.substring(POINTER_TMP.length());
        } else if (name.startsWith(DELETING)) {
            rest = name.substring(DELETING.length());
        } else {
            return false;
        }
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        // Our own leftovers may belong to a save still running on another thread.
        return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    private static void removeLeftover(Path p) {
        try {
            if (Files.isDirectory(p)) {
                // Claim it first by an atomic rename so that two cleaners never delete the same tree at once.
                Path claimed = p.resolveSibling(DELETING + PID + "-" + UUID.randomUUID());
                try {
                    Files.move(p, claimed, StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException e) {
                    return;
                }
                DiskIo.deleteTree(claimed);
            } else {
                Files.deleteIfExists(p);
            }
            LOG.info("removed {} left by a process that died", p);
        } catch (IOException e) {
            LOG.warn("could not remove leftover {}: {}", p, e.toString());
        }
    }

    @SuppressWarnings("try") // the lock is held by the try block, never referenced
    private void updateLatest(Path strategyDir, VersionName name, boolean force) throws IOException {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(strategyDir, k -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockChannel = FileChannel.open(strategyDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             FileLock ignored = lockChannel.lock()) {
            Path pointer = strategyDir.resolve(LATEST_PREFIX + name.seriesKey());
            // Removals take this lock too: a version that is complete here stays so until the pointer moved.
            if (incompleteness(strategyDir.resolve(name.dirName())).isPresent()) {
                if (force) {
                    throw new ModelException("cannot make " + name.dirName() + " the latest: another prune or delete "
                            + "removed it meanwhile");
                }
                // A newer save was published meanwhile and a prune removed this one: the pointer stays.
                return;
            }
            if (!force) {
                Optional<VersionName> current = readPointer(pointer);
                if (current.isPresent() && current.get().version() >= name.version()
                        && Files.isDirectory(strategyDir.resolve(current.get().dirName()), LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
            }
            replacePointer(strategyDir, pointer, name);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Replaces a pointer file (latest or deployment) atomically: written and synced aside, then renamed over it. */
    private static void replacePointer(Path strategyDir, Path pointer, VersionName name) throws IOException {
        Path tmp = strategyDir.resolve(POINTER_TMP + PID + "-" + UUID.randomUUID());
        try {
            DiskIo.writeSynced(tmp, utf8(name.dirName() + "\n"));
            Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        DiskIo.syncDirectory(strategyDir);
    }

    private static Optional<VersionName> readPointer(Path pointer) {
        return Optional.ofNullable(pointerState(pointer).target());
    }

    /** Reads a pointer file without following a link; a missing pointer has neither target nor problem. */
    private static StoreListing.Pointer pointerState(Path pointer) {
        String name = pointer.getFileName().toString();
        try {
            Optional<BasicFileAttributes> a = DiskIo.attributes(pointer);
            if (a.isEmpty()) {
                return new StoreListing.Pointer(null, null);
            }
            if (!a.get().isRegularFile()) {
                return new StoreListing.Pointer(null, name + " is " + DiskIo.kind(pointer, a.get())
                        + ", not a regular file" + DiskIo.NO_LINKS);
            }
            byte[] b = DiskIo.readBounded(pointer, 512, name);
            String text = new String(b, StandardCharsets.UTF_8).trim();
            Optional<VersionName> v = VersionName.parse(text);
            // a deployment record may name a version of any series; a latest pointer only one of its own
            if (v.isEmpty() || !(name.startsWith(DEPLOYED_PREFIX) || name.equals(LATEST_PREFIX + v.get().seriesKey()))) {
                return new StoreListing.Pointer(null, name + " does not name a version of its series");
            }
            return new StoreListing.Pointer(v.get(), null);
        } catch (IOException | ModelException e) {
            // A pointer replaced between the look and the read is read again by the next listing.
            return new StoreListing.Pointer(null, name + " cannot be read: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ read

    @Override
    public StoredModel load(Path versionDirectory) {
        Path dir = versionDirectory.toAbsolutePath().normalize();
        Object identity = identity(dir);
        try {
            return loadOnce(dir);
        } catch (ModelException e) {
            throw removedWhileReading(dir, identity, e);
        }
    }

    private StoredModel loadOnce(Path dir) {
        VersionName name = requireVersionName(dir);
        // every file the manifest lists is checked before anything is decoded, optional ones included
        List<String> all = new ArrayList<>(FILES);
        all.addAll(OPTIONAL_FILES);
        Map<String, byte[]> files = verifiedFiles(dir, all);
        String where = dir.toString();
        ModelMetadata metadata = MetadataJson.read(files.get(MetadataJson.FILE), where + "/" + MetadataJson.FILE);
        checkNameAgainstMetadata(dir, name, metadata);
        FeatureSpec featureFile = readFeatures(files.get(FEATURES_FILE), where + "/" + FEATURES_FILE);
        featureFile.firstDifference(new FeatureSpec(metadata.architecture().featureNames())).ifPresent(d -> {
            throw new ModelException(where + "/" + FEATURES_FILE + " and " + MetadataJson.FILE + " disagree: " + d);
        });
        ModelCodec codec;
        try {
            codec = ModelCodecs.forFormat(metadata.formatId(), metadata.formatVersion(), metadata.libraryVersion());
        } catch (ModelException e) {
            throw new ModelException(where + "/" + MODEL_FILE + ": " + e.getMessage(), e);
        }
        TradingModel model;
        try {
            model = codec.decode(files.get(MODEL_FILE), metadata.formatVersion());
        } catch (ModelException e) {
            throw new ModelException(where + "/" + MODEL_FILE + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelException(where + "/" + MODEL_FILE + ": cannot be decoded by codec " + codec.formatId()
                    + " v" + metadata.formatVersion() + ": " + e, e);
        }
        featureFile.firstDifference(model.featureSpec()).ifPresent(d -> {
            throw new ModelException(where + "/" + MODEL_FILE + " and " + FEATURES_FILE + " disagree: " + d);
        });
        return new StoredModel(dir, name.version(), metadata, model);
    }

    /**
     * Loads a version and checks its feature spec against what the caller will feed.
     *
     * @param versionDirectory a version directory
     * @param input the feature spec the caller will feed
     * @return the verified, decoded model
     * @throws ModelException naming the file on a damaged version, or the first differing feature
     */
    public StoredModel load(Path versionDirectory, FeatureSpec input) {
        StoredModel m = load(versionDirectory);
        m.model().featureSpec().firstDifference(input).ifPresent(d -> {
            throw new ModelException(m.directory() + ": feature spec mismatch: " + d);
        });
        return m;
    }

    /**
     * Reads a version's metadata after verifying the manifest and metadata.json's checksum (not the model
     * bytes): cheap enough for listing and resolving.
     *
     * @param versionDirectory a version directory
     * @return its metadata
     * @throws ModelException naming the file when the manifest or metadata.json is damaged or newer
     */
    public ModelMetadata readMetadata(Path versionDirectory) {
        Path dir = versionDirectory.toAbsolutePath().normalize();
        Object identity = identity(dir);
        try {
            VersionName name = requireVersionName(dir);
            Map<String, byte[]> files = verifiedFiles(dir, List.of(MetadataJson.FILE));
            ModelMetadata metadata = MetadataJson.read(files.get(MetadataJson.FILE), dir + "/" + MetadataJson.FILE);
            checkNameAgainstMetadata(dir, name, metadata);
            return metadata;
        } catch (ModelException e) {
            throw removedWhileReading(dir, identity, e);
        }
    }

    /**
     * A version directory is read through its path, file by file. When a concurrent prune or delete renames
     * it away meanwhile, the next file is missing; that is not damage. Identity is the file key (device and
     * inode) of the directory itself, not following links; null when nothing exists there.
     */
    static Object identity(Path dir) {
        try {
            Optional<BasicFileAttributes> a = DiskIo.attributes(dir);
            if (a.isEmpty()) {
                return null;
            }
            return a.get().fileKey() != null ? a.get().fileKey() : a.get().creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    private static ModelException removedWhileReading(Path dir, Object identityBefore, ModelException e) {
        if (e instanceof VersionRemovedException || identityBefore == null
                || identityBefore.equals(identity(dir))) {
            return e;
        }
        return new VersionRemovedException(dir + " was removed or replaced while being read (a concurrent prune, "
                + "delete or save); nothing read from it was used", e);
    }

    /** A version directory vanished or was replaced while it was being read: not damage, read another. */
    static final class VersionRemovedException extends ModelException {
        private static final long serialVersionUID = 1L;

        VersionRemovedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void requireRealDirectory(Path dir) throws IOException {
        Optional<BasicFileAttributes> a = DiskIo.attributes(dir);
        if (a.isEmpty() || !a.get().isDirectory()) {
            throw new ModelException(dir + " is " + (a.isEmpty() ? "missing" : DiskIo.kind(dir, a.get()))
                    + ", not a directory" + DiskIo.NO_LINKS);
        }
    }

    /**
     * Reads one verified text file of a version (e.g. {@code metrics.json}).
     *
     * @param versionDirectory a version directory
     * @param file one of {@link #FILES} other than model.bin, or of {@link #OPTIONAL_FILES}
     * @return its text
     * @throws ModelException naming the file when its checksum fails or an optional file is not in the version
     */
    public String readText(Path versionDirectory, String file) {
        if ((!FILES.contains(file) && !OPTIONAL_FILES.contains(file)) || MODEL_FILE.equals(file)) {
            List<String> valid = new ArrayList<>(FILES.subList(1, FILES.size()));
            valid.addAll(OPTIONAL_FILES);
            throw new ConfigurationException("file", "'" + file + "' is not a text file of a version; valid: " + valid);
        }
        Path dir = versionDirectory.toAbsolutePath().normalize();
        requireVersionName(dir);
        return new String(verifiedFiles(dir, List.of(file)).get(file), StandardCharsets.UTF_8);
    }

    /**
     * Checks every checksum of a version without stopping at the first problem, then (when all match)
     * decodes the model.
     *
     * @param versionDirectory a version directory
     * @return one line per problem, each naming the file; empty when the version is intact and loads
     */
    public List<String> verify(Path versionDirectory) {
        Path dir = versionDirectory.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        Manifest manifest;
        try {
            requireVersionName(dir);
            manifest = readManifest(dir);
        } catch (KtrdrException e) {
            problems.add(e.getMessage());
            return problems;
        }
        problems.addAll(manifestCoverage(dir, manifest));
        problems.addAll(unexpectedEntries(dir));
        List<String> all = new ArrayList<>(FILES);
        all.addAll(OPTIONAL_FILES);
        for (String f : all) {
            String expected = manifest.files().get(f);
            if (expected == null) {
                continue;
            }
            try {
                byte[] b = DiskIo.readBounded(dir.resolve(f), MODEL_FILE.equals(f) ? MAX_MODEL_BYTES : MAX_TEXT_BYTES,
                        dir + "/" + f);
                String actual = Manifest.sha256(b);
                if (!actual.equals(expected)) {
                    problems.add(mismatch(dir, f, expected, actual));
                }
            } catch (ModelException e) {
                problems.add(e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            try {
                load(dir);
            } catch (KtrdrException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** @return one problem per entry of a version directory that is neither a listed file nor the manifest */
    private static List<String> unexpectedEntries(Path dir) {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (!FILES.contains(f) && !OPTIONAL_FILES.contains(f) && !MANIFEST_FILE.equals(f)) {
                    names.add(f);
                }
            }
        } catch (IOException e) {
            problems.add(dir + " cannot be listed: " + e.getMessage());
            return problems;
        }
        names.sort(null);
        for (String f : names) {
            Path p = dir.resolve(f);
            String kind;
            try {
                kind = DiskIo.attributes(p).map(a -> DiskIo.kind(p, a)).orElse("an entry that vanished");
            } catch (IOException e) {
                kind = "an entry";
            }
            problems.add("unexpected " + kind.replaceFirst("^an? ", "") + " in " + dir + ": '" + StrictText.printable(f)
                    + "' is not listed in " + MANIFEST_FILE);
        }
        return problems;
    }

    private static String mismatch(Path dir, String f, String expected, String actual) {
        return "checksum mismatch in " + dir + "/" + f + ": manifest says sha-256 " + expected + ", file has " + actual;
    }

    private Manifest readManifest(Path dir) {
        Path mf = dir.resolve(MANIFEST_FILE);
        if (!Files.exists(mf, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(dir.resolve(MetadataJson.FILE), LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(dir.resolve(MODEL_FILE), LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelException(dir + " has no " + MANIFEST_FILE + ": a legacy or unverified directory; "
                        + "run 'ktrdr models migrate' to rewrite it with checksums");
            }
            throw new ModelException(dir + "/" + MANIFEST_FILE + " is missing: not a complete version directory");
        }
        return Manifest.parse(DiskIo.readBounded(mf, LimitedJson.MAX_BYTES, dir + "/" + MANIFEST_FILE),
                dir + "/" + MANIFEST_FILE);
    }

    private static List<String> manifestCoverage(Path dir, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (String f : FILES) {
            if (!manifest.files().containsKey(f)) {
                problems.add(dir + "/" + MANIFEST_FILE + " has no checksum for " + f);
            }
        }
        for (String f : manifest.files().keySet()) {
            if (!FILES.contains(f) && !OPTIONAL_FILES.contains(f)) {
                problems.add(dir + "/" + MANIFEST_FILE + " lists unexpected file '" + f + "'");
            }
        }
        return problems;
    }

    private Map<String, byte[]> verifiedFiles(Path dir, List<String> wanted) {
        Manifest manifest = readManifest(dir);
        List<String> coverage = manifestCoverage(dir, manifest);
        if (!coverage.isEmpty()) {
            throw new ModelException(coverage.get(0));
        }
        Map<String, byte[]> out = new HashMap<>();
        for (String f : wanted) {
            if (OPTIONAL_FILES.contains(f) && !manifest.files().containsKey(f)) {
                if (wanted.size() == 1) {
                    throw new ModelException(dir + " has no " + f + " (written by a version of the library before it)");
                }
                continue;
            }
            byte[] b = DiskIo.readBounded(dir.resolve(f), MODEL_FILE.equals(f) ? MAX_MODEL_BYTES : MAX_TEXT_BYTES,
                    dir + "/" + f);
            String actual = Manifest.sha256(b);
            String expected = manifest.files().get(f);
            if (!actual.equals(expected)) {
                throw new ModelException(mismatch(dir, f, expected, actual));
            }
            out.put(f, b);
        }
        return out;
    }

    private static VersionName requireVersionName(Path dir) {
        Path fn = dir.getFileName();
        Optional<VersionName> name = fn == null ? Optional.empty() : VersionName.parse(fn.toString());
        if (name.isEmpty()) {
            throw new ModelException(dir + " is not a version directory (expected {scope}_{timeframes}_v{n}, "
                    + "e.g. universal_1h-4h-1d_v1)");
        }
        Optional<BasicFileAttributes> a;
        try {
            a = DiskIo.attributes(dir);
        } catch (IOException e) {
            throw new ModelException(dir + " cannot be examined: " + e.getMessage(), e);
        }
        if (a.isEmpty()) {
            throw new ModelException(dir + " does not exist");
        }
        if (!a.get().isDirectory()) {
            throw new ModelException(dir + " is " + DiskIo.kind(dir, a.get()) + ", not a version directory"
                    + DiskIo.NO_LINKS);
        }
        return name.get();
    }

    private static void checkNameAgainstMetadata(Path dir, VersionName name, ModelMetadata m) {
        if (!name.scope().equals(m.scope())
                || !name.timeframes().equals(VersionName.canonical(m.timeframes()))) {
            throw new ModelException(dir + "/" + MetadataJson.FILE + " declares " + VersionName.seriesKey(m.scope(),
                    m.timeframes()) + " but the directory is " + dir.getFileName());
        }
        Path parent = dir.getParent();
        if (parent != null && parent.getFileName() != null && !parent.getFileName().toString().equals(m.strategy())) {
            throw new ModelException(dir + "/" + MetadataJson.FILE + " declares strategy '" + m.strategy()
                    + "' but the directory lies under '" + parent.getFileName() + "'");
        }
    }

    // ------------------------------------------------------------------------------------------------ list

    @Override
    public List<Path> list(String strategy) {
        List<Path> out = new ArrayList<>();
        for (VersionInfo v : versions(strategy)) {
            out.add(v.directory());
        }
        return out;
    }

    /**
     * Lists the complete versions of a strategy by name only (nothing is read or verified), sorted by
     * scope, timeframe set, then version (oldest first).
     *
     * @param strategy a strategy name (validated)
     * @return the versions; empty when the strategy has none
     */
    public List<VersionInfo> versions(String strategy) {
        return listing(strategy).versions();
    }

    /**
     * Looks at a strategy directory by names and attributes, without following any link: the complete
     * versions, the entries with a version name that are not complete versions (a link, not a directory,
     * no regular manifest.json) and every pointer. Names starting with {@code .} (saves in progress,
     * versions being removed) are never looked at.
     */
    StoreListing listing(String strategy) {
        Path dir = strategyDirectory(strategy);
        Map<String, StoreListing.Pointer> pointers = new HashMap<>();
        List<Path> candidates = new ArrayList<>();
        try {
            Optional<BasicFileAttributes> da = DiskIo.attributes(dir);
            if (da.isEmpty()) {
                return new StoreListing(List.of(), List.of(), Map.of());
            }
            if (!da.get().isDirectory()) {
                throw new ModelException("strategy directory " + dir + " is " + DiskIo.kind(dir, da.get())
                        + DiskIo.NO_LINKS);
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String f = p.getFileName().toString();
                    if (f.startsWith(LATEST_PREFIX)) {
                        pointers.put(f.substring(LATEST_PREFIX.length()), pointerState(p));
                    } else if (!f.startsWith(".")) {
                        candidates.add(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Map<String, Optional<VersionName>> seriesCache = new HashMap<>();
        List<VersionInfo> versions = new ArrayList<>(candidates.size());
        List<StoreListing.Rejected> rejected = new ArrayList<>();
        for (Path p : candidates) {
            Optional<VersionName> v = VersionName.parse(p.getFileName().toString(), seriesCache);
            if (v.isEmpty()) {
                continue;
            }
            // A version directory is complete by construction (renamed from staging after its manifest was
            // written); anything else carrying a version name is reported, never silently skipped.
            Optional<String> incomplete = incompleteness(p);
            if (incomplete.isPresent() && incomplete.get() == VANISHED) {
                // Renamed away by a prune or delete since the directory was read: no longer an entry.
                continue;
            }
            if (incomplete.isPresent()) {
                rejected.add(new StoreListing.Rejected(v.get(), incomplete.get()));
            } else {
                StoreListing.Pointer ptr = pointers.get(v.get().seriesKey());
                versions.add(new VersionInfo(strategy, v.get(), p, ptr != null && v.get().equals(ptr.target())));
            }
        }
        Comparator<VersionName> order = Comparator.comparing((VersionName n) -> n.seriesKey())
                .thenComparingInt(VersionName::version);
        versions.sort(Comparator.comparing(VersionInfo::name, order));
        rejected.sort(Comparator.comparing(StoreListing.Rejected::name, order));
        return new StoreListing(versions, rejected, pointers);
    }

    /** What {@link #incompleteness} says of a name where nothing exists (compared by identity). */
    private static final String VANISHED = "does not exist";

    /** @return why an entry with a version name is not a complete version, or empty when it is one */
    private static Optional<String> incompleteness(Path p) {
        try {
            Optional<BasicFileAttributes> a = DiskIo.attributes(p);
            if (a.isEmpty()) {
                return Optional.of(VANISHED);
            }
            if (!a.get().isDirectory()) {
                return Optional.of("is " + DiskIo.kind(p, a.get()) + ", not a version directory" + DiskIo.NO_LINKS);
            }
            Path mf = p.resolve(MANIFEST_FILE);
            Optional<BasicFileAttributes> m = DiskIo.attributes(mf);
            if (m.isEmpty()) {
                return Optional.of(missingManifest(p));
            }
            if (!m.get().isRegularFile()) {
                return Optional.of(MANIFEST_FILE + " is " + DiskIo.kind(mf, m.get()) + ", not a regular file"
                        + DiskIo.NO_LINKS);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be examined: " + e.getMessage());
        }
    }

    private static String missingManifest(Path dir) {
        if (Files.exists(dir.resolve(MetadataJson.FILE), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dir.resolve(MODEL_FILE), LinkOption.NOFOLLOW_LINKS)) {
            return "has no " + MANIFEST_FILE + ": a damaged version, or a legacy or unverified directory "
                    + "('ktrdr models migrate' rewrites a legacy one with checksums)";
        }
        return "has no " + MANIFEST_FILE + ": not a complete version directory";
    }

    /**
     * @return the strategies of this store (directories whose names are safe), sorted
     */
    public List<String> strategies() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (SafeNames.isSafe(f, 128) && Files.isDirectory(p)) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new ModelException("cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /**
     * @param strategy a strategy name
     * @param scope a scope
     * @param timeframes a timeframe set, any order
     * @return the version the {@code latest} pointer names, when it names an existing complete version
     */
    public Optional<Path> latest(String strategy, ModelScope scope, List<Timeframe> timeframes) {
        Path dir = strategyDirectory(strategy);
        String series = VersionName.seriesKey(scope, timeframes);
        return readPointer(dir.resolve(LATEST_PREFIX + series))
                .map(v -> dir.resolve(v.dirName()))
                .filter(p -> incompleteness(p).isEmpty());
    }

    // ------------------------------------------------------------------------------------------ operations

    /**
     * Locates a version directory of this store by strategy and directory name.
     *
     * @param strategy a strategy name (validated)
     * @param versionName a version directory name (validated)
     * @return the existing complete version directory
     * @throws ConfigurationException when a name is invalid
     * @throws ModelException when no such complete version exists
     */
    public Path version(String strategy, String versionName) {
        Path dir = strategyDirectory(strategy);
        VersionName v = VersionName.parse(versionName).orElseThrow(() -> new ConfigurationException("version",
                "'" + versionName + "' is not a version directory name (e.g. universal_1h-4h-1d_v3)"));
        Path p = dir.resolve(v.dirName());
        Optional<String> incomplete = incompleteness(p);
        if (incomplete.isPresent()) {
            throw new ModelException("no complete version " + v.dirName() + " in strategy " + strategy + " at " + dir
                    + ": " + (Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? incomplete.get() : "it does not exist"));
        }
        return p;
    }

    /**
     * Makes a version the latest of its scope and timeframe set, after verifying every checksum (a damaged
     * version is never promoted). The pointer is replaced atomically.
     *
     * @param strategy a strategy name
     * @param versionName the version directory name
     * @return the promoted version directory
     * @throws ModelException when the version is missing or damaged
     */
    public Path promote(String strategy, String versionName) {
        Path p = version(strategy, versionName);
        List<String> problems = verify(p);
        if (!problems.isEmpty()) {
            throw new ModelException("refusing to promote a damaged version: " + problems.get(0));
        }
        try {
            updateLatest(p.getParent(), VersionName.parse(p.getFileName().toString()).orElseThrow(), true);
        } catch (IOException e) {
            throw new ModelException("cannot update the latest pointer of " + p + ": " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * Records that a version serves a symbol on a timeframe set: the file
     * {@code {strategy}/deployed-{SYMBOL}_{timeframes}} names the version directory, replaced atomically like a
     * {@code latest} pointer. {@link StoreModelLoader} tries a recorded deployment before its fallback chain. The
     * version must be intact ({@link #verify}) and its deployment must allow the symbol and timeframes
     * ({@link dev.ktrdr.api.Deployment#refusal}); otherwise nothing changes.
     *
     * @param strategy a strategy name
     * @param versionName the version directory name
     * @param symbol the symbol it will serve
     * @param timeframes the timeframes the host will feed
     * @return the deployment record file
     * @throws ModelException (one line) when the version is missing, damaged or incompatible
     */
    @SuppressWarnings("try") // the lock is held by the try block, never referenced
    public Path deploy(String strategy, String versionName, SymbolInfo symbol, List<Timeframe> timeframes) {
        Objects.requireNonNull(symbol, "symbol");
        List<Timeframe> tfs = List.copyOf(timeframes);
        Path p = version(strategy, versionName);
        List<String> problems = verify(p);
        if (!problems.isEmpty()) {
            throw new ModelException("refusing to deploy a damaged version: " + problems.get(0));
        }
        ModelMetadata m = readMetadata(p);
        Optional<String> why = m.deployment().refusal(symbol, tfs, Set.copyOf(m.symbols()));
        if (why.isPresent()) {
            throw new ModelException("refusing to deploy " + strategy + "/" + versionName + " for " + symbol.symbol()
                    + " on " + tfs + ": " + why.get());
        }
        VersionName name = VersionName.parse(versionName).orElseThrow();
        Path strategyDir = p.getParent();
        Path record = strategyDir.resolve(deploymentFile(symbol.symbol(), tfs));
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(strategyDir, k -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockChannel = FileChannel.open(strategyDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             FileLock ignored = lockChannel.lock()) {
            // removals take this lock too: the version is still complete when the record names it
            if (incompleteness(p).isPresent()) {
                throw new ModelException("cannot deploy " + versionName + ": a prune or delete removed it meanwhile");
            }
            replacePointer(strategyDir, record, name);
        } catch (IOException e) {
            throw new ModelException("cannot write the deployment record " + record + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
        return record;
    }

    /**
     * @param symbol a symbol
     * @param timeframes a timeframe set (any order)
     * @return the name of its deployment record, {@code deployed-{SYMBOL}_{timeframes}}
     */
    public static String deploymentFile(Symbol symbol, List<Timeframe> timeframes) {
        return DEPLOYED_PREFIX + VersionName.seriesKey(ModelScope.symbol(symbol), timeframes);
    }

    /**
     * @param strategy a strategy name
     * @param symbol a symbol
     * @param timeframes the timeframes the host will feed
     * @return the version directory the deployment record names (which may since have been removed), or empty
     *     when no deployment is recorded
     * @throws ModelException when the record exists but cannot be read or names no version
     */
    public Optional<Path> deployed(String strategy, Symbol symbol, List<Timeframe> timeframes) {
        Path record = strategyDirectory(strategy).resolve(deploymentFile(symbol, timeframes));
        StoreListing.Pointer state = pointerState(record);
        if (state.problem() != null) {
            throw new ModelException("deployment record " + record + ": " + state.problem());
        }
        return Optional.ofNullable(state.target()).map(v -> record.getParent().resolve(v.dirName()));
    }

    /**
     * Deletes a version that is not the latest of its series. Under the pointer lock (so that no save or
     * promote can make it the latest meanwhile) the directory is renamed to a hidden
     * {@code .deleting-{pid}-{uuid}} name in one atomic step, which takes it out of every listing at once;
     * then its files are removed. A reader that was reading it when it was renamed fails on its next file,
     * sees that the directory is gone and reads another version ({@link StoreModelLoader} retries); a reader
     * never sees a half-deleted version. A removal killed half-way leaves the hidden directory, which a
     * later save removes once its process is dead.
     *
     * @param strategy a strategy name
     * @param versionName the version directory name
     * @throws ModelException when the version is the latest of its series (promote another first) or missing
     */
    public void delete(String strategy, String versionName) {
        Path p = version(strategy, versionName);
        VersionName v = VersionName.parse(p.getFileName().toString()).orElseThrow();
        Removal r = remove(p, v);
        if (r == Removal.LATEST) {
            throw new ModelException(v.dirName() + " is the latest of " + v.seriesKey()
                    + "; promote another version first");
        }
        if (r == Removal.GONE) {
            throw new ModelException("no complete version " + v.dirName() + " in strategy " + strategy + " at "
                    + p.getParent() + ": another prune or delete removed it meanwhile");
        }
    }

    private enum Removal { REMOVED, LATEST, GONE }

    @SuppressWarnings("try") // the lock is held by the try block, never referenced
    private Removal remove(Path p, VersionName v) {
        Path strategyDir = p.getParent();
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(strategyDir, k -> new ReentrantLock());
        jvmLock.lock();
        Path claimed = p.resolveSibling(DELETING + PID + "-" + UUID.randomUUID());
        try (FileChannel lockChannel = FileChannel.open(strategyDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             FileLock ignored = lockChannel.lock()) {
            Optional<VersionName> latest = readPointer(strategyDir.resolve(LATEST_PREFIX + v.seriesKey()));
            if (latest.isPresent() && latest.get().equals(v)) {
                return Removal.LATEST;
            }
            try {
                Files.move(p, claimed, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                return Removal.GONE;
            }
            DiskIo.syncDirectory(strategyDir);
        } catch (IOException e) {
            throw new ModelException("cannot delete " + p + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
        try {
            DiskIo.deleteTree(claimed);
        } catch (IOException e) {
            // Out of every listing already; a later save removes the rest once this process is gone.
            LOG.warn("could not finish removing {} (was {}): {}", claimed, p, e.toString());
        }
        return Removal.REMOVED;
    }

    /**
     * Keeps the newest {@code keep} versions of every scope and timeframe set of a strategy, and always
     * the one the {@code latest} pointer names; deletes the others (each as {@link #delete} does).
     *
     * @param strategy a strategy name
     * @param keep how many of the newest versions to keep per series, at least 1
     * @param dryRun when true nothing is deleted
     * @return the version directories deleted (or that would be)
     * @throws ConfigurationException when keep is below 1
     */
    public List<Path> prune(String strategy, int keep, boolean dryRun) {
        return prune(strategy, keep, dryRun, p -> { });
    }

    /**
     * {@link #prune(String, int, boolean)}, telling {@code beforeRemoving} about each version just before
     * it is removed (e.g. to log it, so that a prune killed half-way says what it was removing). A version
     * that became the latest of its series, or that another prune or delete removed meanwhile, is skipped
     * and not returned.
     *
     * @param strategy a strategy name
     * @param keep how many of the newest versions to keep per series, at least 1
     * @param dryRun when true nothing is deleted and {@code beforeRemoving} is not called
     * @param beforeRemoving called with each version directory before its removal starts
     * @return the version directories deleted (or that would be)
     * @throws ConfigurationException when keep is below 1
     */
    public List<Path> prune(String strategy, int keep, boolean dryRun, java.util.function.Consumer<Path> beforeRemoving) {
        if (keep < 1) {
            throw new ConfigurationException("keep", keep + " is not in [1, " + Integer.MAX_VALUE + "]");
        }
        Map<String, List<VersionInfo>> bySeries = new LinkedHashMap<>();
        for (VersionInfo v : versions(strategy)) {
            bySeries.computeIfAbsent(v.name().seriesKey(), k -> new ArrayList<>()).add(v);
        }
        List<VersionInfo> doomed = new ArrayList<>();
        for (List<VersionInfo> vs : bySeries.values()) {
            for (int i = 0; i < vs.size() - keep; i++) {
                if (!vs.get(i).latest()) {
                    doomed.add(vs.get(i));
                }
            }
        }
        List<Path> out = new ArrayList<>();
        for (VersionInfo v : doomed) {
            if (dryRun) {
                out.add(v.directory());
                continue;
            }
            beforeRemoving.accept(v.directory());
            if (remove(v.directory(), v.name()) == Removal.REMOVED) {
                out.add(v.directory());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ helpers

    static FeatureSpec readFeatures(byte[] bytes, String where) {
        ObjectNode o = LimitedJson.read(bytes, where);
        try {
            return new FeatureSpec(new MetadataJson.Fields(o, where).texts("feature_names"));
        } catch (IllegalArgumentException e) {
            throw new ModelException(where + ": " + e.getMessage(), e);
        }
    }

    static byte[] featuresJson(FeatureSpec spec, List<Timeframe> timeframes) {
        ObjectNode o = LimitedJson.object();
        ArrayNode names = o.putArray("feature_names");
        spec.names().forEach(names::add);
        ObjectNode groups = o.putObject("per_timeframe");
        Set<String> grouped = new java.util.HashSet<>();
        for (Timeframe tf : timeframes) {
            ArrayNode g = groups.putArray(tf.label());
            for (String n : spec.names()) {
                if (n.startsWith(tf.label() + "_")) {
                    g.add(n);
                    grouped.add(n);
                }
            }
        }
        ArrayNode other = o.putArray("other");
        for (String n : spec.names()) {
            if (!grouped.contains(n)) {
                other.add(n);
            }
        }
        return LimitedJson.write(o);
    }

    static ModelMetadata withFormat(ModelMetadata m, String formatId, int formatVersion) {
        if (m.formatId().equals(formatId) && m.formatVersion() == formatVersion) {
            return m;
        }
        return m.toBuilder().format(formatId, formatVersion).build();
    }

    private static void requireJson(String text, String file) {
        try {
            LimitedJson.readAny(utf8(text), file);
        } catch (ModelException e) {
            throw new ConfigurationException(file, e.getMessage(), e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
