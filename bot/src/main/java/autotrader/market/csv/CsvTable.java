package autotrader.market.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A comma-separated file, plain or gzip (by the .gz suffix), read row by row with its line
 * numbers. Parsing is Commons CSV's (RFC 4180: quoted fields, commas and quotes inside them);
 * fields are trimmed. Columns are found by header name, case-insensitively, so column order and
 * extra columns (Yahoo's "Adj Close") do not matter.
 *
 * <p>A file read whole that has no quote character and only ASCII (every bar file of ../shared/data)
 * is split by {@link QuoteFreeRows} instead: without quotes a row is its line cut at the commas, and
 * Commons CSV's general lexer was about 28 % of a cold cycle's samples on recorded bars (1.7 million
 * 5-minute rows); its fields stay offsets into the file's bytes ({@link #nextRow}), so a number is
 * parsed without a String. The rows, fields and line numbers are the same either way ({@code CsvTableTest}).
 */
final class CsvTable implements Closeable {

    /**
     * Empty lines are not skipped by the parser but here, so that the parser's count of line
     * breaks before a record is that record's first line, even after blank lines.
     */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(false).setTrim(true).setIgnoreSurroundingSpaces(true).get();

    final Path file;
    private final CSVParser parser;             // null when the rows come from quoteFree
    private final Iterator<CSVRecord> records;
    private final QuoteFreeRows quoteFree;
    private final Map<String, Integer> columns = new HashMap<>();
    private List<String> header = List.of();
    private long line;

    private CsvTable(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
        this.records = parser.iterator();
        this.quoteFree = null;
    }

    private CsvTable(Path file, QuoteFreeRows rows) {
        this.file = file;
        this.parser = null;
        this.records = null;
        this.quoteFree = rows;
    }

    /**
     * Opens the file to read all of it, and reads its header; an empty file gives a table without
     * columns. The text is read into memory first (a bar file is a few MB) to see whether it has quotes.
     */
    static CsvTable open(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = bytes(file, 1 << 16)) {
            bytes = in.readAllBytes();
        }
        QuoteFreeRows quoteFree = QuoteFreeRows.of(bytes);
        CsvTable t = quoteFree != null ? new CsvTable(file, quoteFree) : new CsvTable(file, CSVParser.builder()
                .setReader(new StringReader(new String(bytes, StandardCharsets.UTF_8))).setFormat(FORMAT).get());
        return t.readHeader();
    }

    /**
     * Opens the file to read its first rows (its header, say), with this gzip buffer: a 64 KB buffer
     * would decompress that much of each file. Commons CSV reads only as far as asked.
     */
    static CsvTable open(Path file, int bufferSize) throws IOException {
        Reader text = text(file, bufferSize);
        CsvTable t;
        try {
            // no BufferedReader: the parser buffers its reader itself (unsynchronized, which a BufferedReader is not)
            t = new CsvTable(file, CSVParser.builder().setReader(text).setFormat(FORMAT).get());
        } catch (IOException | RuntimeException e) {
            text.close();
            throw e;
        }
        return t.readHeader();
    }

    /** Reads the header row (this table, or closed when it cannot be read). */
    private CsvTable readHeader() throws IOException {
        try {
            String[] names = next();
            if (names != null) {
                if (names.length > 0 && names[0].startsWith("\uFEFF")) names[0] = names[0].substring(1).trim();
                header = List.of(names);
                for (int i = 0; i < names.length; i++) columns.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * The fields of the file's last non-blank line (null when it has none besides the header), for
     * "how far does the data go": the lines before it are only read, not parsed, which makes this
     * several times faster over 2.6 million intraday rows. A last row with a quoted field spanning
     * lines is cut to its last line (whose time field then does not parse): no bar file has one.
     */
    static String[] lastRow(Path file) throws IOException {
        String last = null;
        long lines = 0;
        try (BufferedReader r = new BufferedReader(text(file, 1 << 16), 1 << 16)) {
            String s;
            while ((s = r.readLine()) != null) {
                lines++;
                if (!s.isBlank()) last = s;
            }
        }
        if (last == null || lines <= 1) return null;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(last)).setFormat(FORMAT).get()) {
            List<CSVRecord> records = p.getRecords();
            return records.size() == 1 ? records.get(0).values() : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** The file's text, gunzipped when its name ends in .gz. */
    private static Reader text(Path file, int bufferSize) throws IOException {
        return new InputStreamReader(bytes(file, bufferSize), StandardCharsets.UTF_8);
    }

    /** The file's bytes, gunzipped when its name ends in .gz. */
    private static InputStream bytes(Path file, int bufferSize) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) in = new GZIPInputStream(in, bufferSize);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /** Index of the first of these column names present, or -1. */
    int column(String... names) {
        for (String n : names) {
            Integer i = columns.get(n);
            if (i != null) return i;
        }
        return -1;
    }

    /** The header's column names as written (for messages). */
    List<String> header() {
        return header;
    }

    /** The next non-blank row's fields, or null at the end. */
    String[] next() throws IOException {
        if (quoteFree != null) {
            if (!quoteFree.advance()) return null;
            line = quoteFree.line();
            return quoteFree.fields();
        }
        try {
            while (true) {
                long before = parser.getCurrentLineNumber();
                if (!records.hasNext()) return null;
                CSVRecord r = records.next();
                line = before + 1;
                if (r.size() == 1 && r.get(0).isEmpty()) continue;   // a blank line
                return r.values();
            }
        } catch (UncheckedIOException e) {
            // Commons CSV's iterator wraps read errors (a truncated gzip, an unclosed quote)
            throw e.getCause();
        }
    }

    /**
     * The next non-blank row, or null at the end; valid until the next call. From a quote-free ASCII
     * file it is read from the file's bytes, each field parsed only when asked for.
     */
    CsvRow nextRow() throws IOException {
        if (quoteFree != null) {
            if (!quoteFree.advance()) return null;
            line = quoteFree.line();
            return quoteFree;
        }
        String[] fields = next();
        return fields == null ? null : CsvRow.of(fields);
    }

    /** Line number (1 = header) of the row last returned. */
    long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) parser.close();
    }
}
