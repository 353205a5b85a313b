package dev.chargestorm.chaos.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes fault records as {@code faults.json} for the report: one object per fault with {@code name}, {@code kind},
 * {@code target}, {@code parameters}, ISO-8601 {@code start} and {@code end} ({@code null} while active), and
 * {@code rollbackFailure}.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class FaultJournal {

    /** The file name in a run folder. */
    public static final String FILE_NAME = "faults.json";

    private FaultJournal() {
    }

    /** Writes the records to {@code file}, replacing it. */
    public static void write(List<FaultRecord> records, Path file) throws IOException {
        List<Map<String, Object>> json = records.stream().map(FaultJournal::toJson).toList();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(json));
    }

    private static Map<String, Object> toJson(FaultRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", record.name());
        json.put("kind", record.kind().label());
        json.put("target", record.target());
        json.put("parameters", record.parameters());
        json.put("start", record.start().toString());
        json.put("end", record.end() == null ? null : record.end().toString());
        json.put("rollbackFailure", record.rollbackFailure());
        return json;
    }
}
