package autotrader.scan;

import autotrader.config.YamlFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A strategy file from strategies/: which symbols to look at and how the scanner scores them. */
public class Strategy {
    public String name = "momentum";
    public String description = "";
    public Universe universe = new Universe();
    public ScannerSettings scanner = new ScannerSettings();
    /** Timeframes the pipeline loads for each candidate. */
    public List<String> timeframes = new ArrayList<>(List.of("1m", "5m", "30m", "1h", "6h", "1d"));

    public static class Universe {
        /** Symbols to scan; empty means every symbol the market source offers. */
        public List<String> include = new ArrayList<>();
        public List<String> exclude = new ArrayList<>();
    }

    public static Strategy load(Path file) {
        Strategy s = YamlFiles.read(file, Strategy.class);
        s.scanner.validate(file);
        return s;
    }

    /** Applies include/exclude to what the market source offers, keeping the source's order. */
    public List<String> select(List<String> available) {
        List<String> out = new ArrayList<>();
        for (String sym : available) {
            if ((universe.include.isEmpty() || universe.include.contains(sym)) && !universe.exclude.contains(sym)) out.add(sym);
        }
        return out;
    }
}
