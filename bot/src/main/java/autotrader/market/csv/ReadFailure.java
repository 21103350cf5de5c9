package autotrader.market.csv;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Why a file could not be read, in words: "cannot read" alone left the trader to guess between a
 * wrong suffix, a permission and a download cut short.
 */
final class ReadFailure {

    private ReadFailure() {
    }

    static String describe(Path file, IOException e) {
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String why;
        if (e instanceof AccessDeniedException) why = "permission denied";
        else if (e instanceof NoSuchFileException) why = "no such file";
        else if (gz && e instanceof ZipException && detail.contains("Not in GZIP format")) why = "not a gzip file, though named .gz (" + detail + ")";
        else if (gz && e instanceof EOFException) why = "truncated gzip (" + detail + ")";
        else if (gz && e instanceof ZipException) why = "corrupt gzip (" + detail + ")";
        else if (e instanceof EOFException) why = "unexpected end of file (" + detail + ")";
        else why = detail;
        return "cannot read: " + why;
    }
}
