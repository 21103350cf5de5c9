package autotrader.market.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A comma-separated file, plain or gzip (by the .gz suffix), read row by row with its line
 * numbers. Columns are found by header name, case-insensitively, so column order and extra
 * columns (Yahoo's "Adj Close") do not matter. Fields are not quoted in any of our sources; stray
 * quotes around a field are stripped.
 */
final class CsvTable implements Closeable {

    final Path file;
    private final BufferedReader reader;
    private final Map<String, Integer> columns = new HashMap<>();
    private long line;

    private CsvTable(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
    }

    /** Opens the file and reads its header; an empty file gives a table without columns. */
    static CsvTable open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        CsvTable t = new CsvTable(file, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
        String header = t.reader.readLine();
        t.line = 1;
        if (header != null) {
            if (header.startsWith("\uFEFF")) header = header.substring(1);
            String[] names = split(header);
            for (int i = 0; i < names.length; i++) t.columns.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i);
        }
        return t;
    }

    /** Index of the first of these column names present, or -1. */
    int column(String... names) {
        for (String n : names) {
            Integer i = columns.get(n);
            if (i != null) return i;
        }
        return -1;
    }

    /** The next non-blank row's fields, or null at the end. */
    String[] next() throws IOException {
        String s;
        while ((s = reader.readLine()) != null) {
            line++;
            if (!s.isBlank()) return split(s);
        }
        return null;
    }

    /** Line number (1 = header) of the row last returned. */
    long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static String[] split(String s) {
        List<String> out = new ArrayList<>(8);
        int from = 0;
        while (true) {
            int comma = s.indexOf(',', from);
            String f = (comma < 0 ? s.substring(from) : s.substring(from, comma)).trim();
            if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') f = f.substring(1, f.length() - 1).trim();
            out.add(f);
            if (comma < 0) return out.toArray(new String[0]);
            from = comma + 1;
        }
    }
}
