package dev.ktrdr.examples.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** The small text files beside a job's Parquet output, read and written through Hadoop's file systems. */
final class JobFiles {
    /** The largest side file read (JSON, YAML, symbols.csv): 16 MiB. */
    static final int MAX_BYTES = 16 << 20;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobFiles() {
    }

    /** A folder argument as a URI string: plain paths become {@code file:} URIs, others are kept. */
    static String uri(String dir) {
        URI u = URI.create(dir.replace(" ", "%20"));
        if (u.getScheme() == null) {
            return java.nio.file.Path.of(dir).toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
        }
        return dir.replaceAll("/$", "");
    }

    /** The session's Hadoop settings as a serialisable map, for tasks that open files themselves. */
    static Map<String, String> hadoopSettings(SparkSession spark) {
        Map<String, String> out = new HashMap<>();
        spark.sparkContext().hadoopConfiguration().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static Configuration conf(Map<String, String> settings) {
        Configuration c = new Configuration(false);
        settings.forEach(c::set);
        return c;
    }

    static boolean exists(String uri, Configuration conf) {
        try {
            Path p = new Path(URI.create(uri));
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new DataException(uri + ": cannot check: " + e.getMessage(), e);
        }
    }

    static String read(String uri, Configuration conf) {
        Path p = new Path(URI.create(uri));
        try {
            FileSystem fs = p.getFileSystem(conf);
            long len = fs.getFileStatus(p).getLen();
            if (len > MAX_BYTES) {
                throw new DataException(uri + ": " + len + " bytes, more than the " + MAX_BYTES + " a side file may have");
            }
            try (InputStream in = fs.open(p)) {
                return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new DataException(uri + ": cannot read: " + e.getMessage(), e);
        }
    }

    static JsonNode readJson(String uri, Configuration conf) {
        try {
            return JSON.readTree(read(uri, conf));
        } catch (IOException e) {
            throw new DataException(uri + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    static void write(String uri, String text, Configuration conf) {
        Path p = new Path(URI.create(uri));
        try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DataException(uri + ": cannot write: " + e.getMessage(), e);
        }
    }

    static void writeJson(String uri, Object value, Configuration conf) {
        try {
            write(uri, JSON.writeValueAsString(value) + "\n", conf);
        } catch (IOException e) {
            throw new DataException(uri + ": cannot write JSON: " + e.getMessage(), e);
        }
    }
}
